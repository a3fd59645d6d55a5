/*
 * Sluice's grammar of the ksqlDB SQL dialect.
 *
 * Written for Sluice from the ksqlDB documentation and the conformance corpus. Keywords are
 * case-insensitive; unquoted identifiers are upper-cased by the AST builder, quoted ones
 * (`back quotes` or "double quotes") keep their case. Words listed in `nonReserved` are
 * keywords only where the grammar expects them and can otherwise be used as identifiers.
 *
 * The parse tree is never exposed: io.sluice.grammar.SqlParser turns it into the typed AST
 * of io.sluice.grammar.ast.
 */
grammar SluiceSql;

options { caseInsensitive = true; }

// ---------------------------------------------------------------- entry points

// Written so that every decision here needs one token of lookahead (good error messages).
script
    : SEMICOLON* (statement (SEMICOLON statement?)*)? EOF
    ;

singleStatement
    : statement SEMICOLON? EOF
    ;

standaloneExpression
    : expression EOF
    ;

standaloneType
    : type EOF
    ;

// ---------------------------------------------------------------- statements

// Alternatives sharing a first keyword are factored into one, so that the parser decides on
// one token and a syntax error after the keyword is reported with what was expected there.
statement
    : query                                                                   #queryStatement
    | (LIST | SHOW)
          ( (STREAMS | TABLES | QUERIES | ALL? TOPICS) EXTENDED?
          | FUNCTIONS | PROPERTIES | VARIABLES | TYPES
          )                                                                   #show
    | DESCRIBE
          ( (STREAMS | TABLES) EXTENDED?
          | FUNCTION identifier
          | sourceName EXTENDED?
          )                                                                   #describe
    | EXPLAIN (statement | identifier)                                        #explain
    | CREATE
          ( (OR REPLACE)? SOURCE? (STREAM | TABLE) (IF NOT EXISTS)? sourceName
                columnDefinitions? (WITH properties)? (AS query)?
          | TYPE (IF NOT EXISTS)? identifier AS type
          )                                                                   #create
    | DROP
          ( (STREAM | TABLE) (IF EXISTS)? sourceName (DELETE TOPIC)?
          | TYPE (IF EXISTS)? identifier
          )                                                                   #drop
    | INSERT INTO sourceName
          ( (WITH properties)? query
          | columnList? VALUES LPAREN (expression (COMMA expression)*)? RPAREN
          )                                                                   #insert
    | TERMINATE (ALL | identifier)                                            #terminate
    | PRINT (STRING | identifier) (FROM BEGINNING)?
          ((INTERVAL | SAMPLE) interval=INTEGER_VALUE)?
          (LIMIT limit=INTEGER_VALUE)?                                        #print
    | SET name=STRING EQ value=STRING                                         #setProperty
    | UNSET name=STRING                                                       #unsetProperty
    | DEFINE variableName EQ STRING                                           #defineVariable
    | UNDEFINE variableName                                                   #undefineVariable
    ;

columnDefinitions
    : LPAREN columnDefinition (COMMA columnDefinition)* RPAREN
    ;

columnDefinition
    : identifier type columnConstraint?
    ;

columnConstraint
    : PRIMARY KEY                                                             #primaryKeyColumn
    | KEY                                                                     #keyColumn
    | HEADERS                                                                 #headersColumn
    | HEADER LPAREN STRING RPAREN                                             #headerColumn
    ;

columnList
    : LPAREN identifier (COMMA identifier)* RPAREN
    ;

properties
    : LPAREN property (COMMA property)* RPAREN
    ;

property
    : (identifier | STRING) EQ propertyValue
    ;

propertyValue
    : STRING
    | MINUS? number
    | TRUE
    | FALSE
    | NULL
    ;

sourceName
    : identifier
    ;

variableName
    : IDENTIFIER
    | nonReserved
    ;

// ---------------------------------------------------------------- queries

query
    : SELECT selectItem (COMMA selectItem)*
      FROM relation
      (WINDOW windowExpression)?
      (WHERE where=expression)?
      (GROUP BY groupBy)?
      (PARTITION BY partitionBy)?
      (HAVING having=expression)?
      (EMIT (CHANGES | FINAL))?
      (LIMIT limit=INTEGER_VALUE)?
    ;

// `struct->*` is an expression followed by `-> *` (rather than its own alternative, which
// would need unbounded lookahead); the builder checks the expression is a primary one.
selectItem
    : ASTERISK                                                                #selectAll
    | identifier DOT ASTERISK                                                 #selectSourceAll
    | expression (ARROW ASTERISK | AS? identifier)?                           #selectExpression
    ;

// Grouping and partitioning expressions are value expressions, as in ksqlDB: a predicate
// (e.g. GROUP BY a AND b) must be parenthesized.
groupBy
    : LPAREN valueExpression (COMMA valueExpression)* RPAREN
    | valueExpression (COMMA valueExpression)*
    ;

partitionBy
    : valueExpression (COMMA valueExpression)*
    ;

relation
    : aliasedSource joinClause*
    ;

joinClause
    : joinType JOIN aliasedSource within? ON expression
    ;

joinType
    : INNER?                                                                  #innerJoin
    | LEFT OUTER?                                                             #leftJoin
    | RIGHT OUTER?                                                            #rightJoin
    | FULL OUTER?                                                             #fullJoin
    ;

within
    : WITHIN (timeSpan | LPAREN before=timeSpan COMMA after=timeSpan RPAREN) gracePeriod?
    ;

aliasedSource
    : sourceName (AS? identifier)?
    ;

windowExpression
    : identifier? windowSpec
    ;

windowSpec
    : TUMBLING LPAREN SIZE timeSpan windowOptions RPAREN                      #tumblingWindow
    | HOPPING LPAREN SIZE size=timeSpan COMMA ADVANCE BY advance=timeSpan
          windowOptions RPAREN                                                #hoppingWindow
    | SESSION LPAREN timeSpan windowOptions RPAREN                            #sessionWindow
    ;

windowOptions
    : (COMMA RETENTION retention=timeSpan)? (COMMA gracePeriod)?
    ;

gracePeriod
    : GRACE PERIOD timeSpan
    ;

timeSpan
    : INTEGER_VALUE timeUnit
    ;

timeUnit
    : MILLISECOND | MILLISECONDS | SECOND | SECONDS | MINUTE | MINUTES
    | HOUR | HOURS | DAY | DAYS
    ;

// ---------------------------------------------------------------- expressions
// Precedence, loosest first: OR, AND, NOT, predicates (comparison, BETWEEN, IN, LIKE, IS),
// ||, + -, * / %, unary + -, then postfix [ ] and ->.

expression
    : booleanExpression
    ;

booleanExpression
    : valueExpression predicate?                                              #predicated
    | NOT booleanExpression                                                   #logicalNot
    | left=booleanExpression AND right=booleanExpression                      #logicalAnd
    | left=booleanExpression OR right=booleanExpression                       #logicalOr
    ;

// Factored so that each choice is made on one token (good error messages).
predicate
    : comparisonOperator right=valueExpression                                #comparison
    | NOT?
        ( BETWEEN lower=valueExpression AND upper=valueExpression
        | IN LPAREN expression (COMMA expression)* RPAREN
        | LIKE pattern=valueExpression (ESCAPE escape=STRING)?
        )                                                                     #rangeInLike
    | IS NOT? (NULL | DISTINCT FROM right=valueExpression)                    #is
    ;

comparisonOperator
    : EQ | NEQ | LT | LTE | GT | GTE
    ;

valueExpression
    : primaryExpression                                                       #valueDefault
    | op=(MINUS | PLUS) valueExpression                                       #arithmeticUnary
    | left=valueExpression op=(ASTERISK | SLASH | PERCENT)
          right=valueExpression                                               #arithmeticMultiplicative
    | left=valueExpression op=(PLUS | MINUS) right=valueExpression            #arithmeticAdditive
    | left=valueExpression CONCAT right=valueExpression                       #concatenation
    ;

primaryExpression
    : literal                                                                 #literalExpression
    | CASE operand=expression? whenClause+ (ELSE elseValue=expression)? END   #case
    | CAST LPAREN expression AS type RPAREN                                   #cast
    | ARRAY LBRACKET (expression (COMMA expression)*)? RBRACKET               #arrayConstructor
    | MAP LPAREN (mapEntry (COMMA mapEntry)*)? RPAREN                         #mapConstructor
    | STRUCT LPAREN (structField (COMMA structField)*)? RPAREN                #structConstructor
    | identifier LPAREN
          (ASTERISK | (functionArgument (COMMA functionArgument)*)?) RPAREN   #functionCall
    | LPAREN expression RPAREN                                                #parenthesized
    | source=identifier DOT column=identifier                                 #qualifiedColumn
    | identifier                                                              #column
    | base=primaryExpression LBRACKET index=valueExpression RBRACKET          #subscript
    | base=primaryExpression ARROW field=identifier                           #dereference
    ;

whenClause
    : WHEN condition=expression THEN result=expression
    ;

mapEntry
    : key=expression ASSIGN value=expression
    ;

structField
    : identifier ASSIGN expression
    ;

// A bare time unit is an argument of TIMESTAMPADD, DATEADD and the like; it is tried first,
// so an unquoted column called e.g. DAYS passed directly to a function needs back quotes.
functionArgument
    : timeUnit                                                                #timeUnitArgument
    | identifier LAMBDA expression                                            #singleParamLambda
    | LPAREN identifier (COMMA identifier)* RPAREN LAMBDA expression          #multiParamLambda
    | expression                                                              #expressionArgument
    ;

literal
    : NULL                                                                    #nullLiteral
    | (TRUE | FALSE)                                                          #booleanLiteral
    | STRING                                                                  #stringLiteral
    | number                                                                  #numericLiteral
    ;

number
    : INTEGER_VALUE
    | DECIMAL_VALUE
    | FLOATING_POINT_VALUE
    ;

// ---------------------------------------------------------------- types

type
    : ARRAY LT type GT                                                        #arrayType
    | MAP LT key=type COMMA value=type GT                                     #mapType
    | STRUCT NEQ                                                              #emptyStructType
    | STRUCT LT (structTypeField (COMMA structTypeField)*)? GT                #structType
    | identifier (LPAREN typeParameter (COMMA typeParameter)* RPAREN)?        #namedType
    ;

// DECIMAL(p, s); ksqlDB also accepts VARCHAR(STRING), meaning STRING.
typeParameter
    : INTEGER_VALUE
    | identifier
    ;

structTypeField
    : identifier type
    ;

// ---------------------------------------------------------------- identifiers

identifier
    : IDENTIFIER                                                              #unquotedIdentifier
    | DIGIT_IDENTIFIER                                                        #digitIdentifier
    | BACKQUOTED_IDENTIFIER                                                   #backQuotedIdentifier
    | QUOTED_IDENTIFIER                                                       #doubleQuotedIdentifier
    | nonReserved                                                             #nonReservedIdentifier
    ;

nonReserved
    : ADVANCE | ARRAY | BEGINNING | CHANGES | DAY | DAYS | DEFINE | DELETE | DESCRIBE
    | ESCAPE | EXISTS | EXPLAIN | EXTENDED | FINAL | FUNCTION | FUNCTIONS | GRACE
    | HEADER | HEADERS | HOPPING | HOUR | HOURS | IF | INTERVAL | KEY | LIST | MAP
    | MILLISECOND | MILLISECONDS | MINUTE | MINUTES | PERIOD | PRIMARY | PRINT
    | PROPERTIES | QUERIES | REPLACE | RETENTION | SAMPLE | SECOND | SECONDS | SESSION
    | SET | SHOW | SIZE | SOURCE | STREAM | STREAMS | STRUCT | TABLE | TABLES
    | TERMINATE | TOPIC | TOPICS | TUMBLING | TYPE | TYPES | UNDEFINE | UNSET
    | VARIABLES
    ;

// ---------------------------------------------------------------- lexer

ADVANCE: 'ADVANCE';
ALL: 'ALL';
AND: 'AND';
ARRAY: 'ARRAY';
AS: 'AS';
BEGINNING: 'BEGINNING';
BETWEEN: 'BETWEEN';
BY: 'BY';
CASE: 'CASE';
CAST: 'CAST';
CHANGES: 'CHANGES';
CREATE: 'CREATE';
DAY: 'DAY';
DAYS: 'DAYS';
DEFINE: 'DEFINE';
DELETE: 'DELETE';
DESCRIBE: 'DESCRIBE';
DISTINCT: 'DISTINCT';
DROP: 'DROP';
ELSE: 'ELSE';
EMIT: 'EMIT';
END: 'END';
ESCAPE: 'ESCAPE';
EXISTS: 'EXISTS';
EXPLAIN: 'EXPLAIN';
EXTENDED: 'EXTENDED';
FALSE: 'FALSE';
FINAL: 'FINAL';
FROM: 'FROM';
FULL: 'FULL';
FUNCTION: 'FUNCTION';
FUNCTIONS: 'FUNCTIONS';
GRACE: 'GRACE';
GROUP: 'GROUP';
HAVING: 'HAVING';
HEADER: 'HEADER';
HEADERS: 'HEADERS';
HOPPING: 'HOPPING';
HOUR: 'HOUR';
HOURS: 'HOURS';
IF: 'IF';
IN: 'IN';
INNER: 'INNER';
INSERT: 'INSERT';
INTERVAL: 'INTERVAL';
INTO: 'INTO';
IS: 'IS';
JOIN: 'JOIN';
KEY: 'KEY';
LEFT: 'LEFT';
LIKE: 'LIKE';
LIMIT: 'LIMIT';
LIST: 'LIST';
MAP: 'MAP';
MILLISECOND: 'MILLISECOND';
MILLISECONDS: 'MILLISECONDS';
MINUTE: 'MINUTE';
MINUTES: 'MINUTES';
NOT: 'NOT';
NULL: 'NULL';
ON: 'ON';
OR: 'OR';
OUTER: 'OUTER';
PARTITION: 'PARTITION';
PERIOD: 'PERIOD';
PRIMARY: 'PRIMARY';
PRINT: 'PRINT';
PROPERTIES: 'PROPERTIES';
QUERIES: 'QUERIES';
REPLACE: 'REPLACE';
RETENTION: 'RETENTION';
RIGHT: 'RIGHT';
SAMPLE: 'SAMPLE';
SECOND: 'SECOND';
SECONDS: 'SECONDS';
SELECT: 'SELECT';
SESSION: 'SESSION';
SET: 'SET';
SHOW: 'SHOW';
SIZE: 'SIZE';
SOURCE: 'SOURCE';
STREAM: 'STREAM';
STREAMS: 'STREAMS';
STRUCT: 'STRUCT';
TABLE: 'TABLE';
TABLES: 'TABLES';
TERMINATE: 'TERMINATE';
THEN: 'THEN';
TOPIC: 'TOPIC';
TOPICS: 'TOPICS';
TRUE: 'TRUE';
TUMBLING: 'TUMBLING';
TYPE: 'TYPE';
TYPES: 'TYPES';
UNDEFINE: 'UNDEFINE';
UNSET: 'UNSET';
VALUES: 'VALUES';
VARIABLES: 'VARIABLES';
WHEN: 'WHEN';
WHERE: 'WHERE';
WINDOW: 'WINDOW';
WITH: 'WITH';
WITHIN: 'WITHIN';

EQ: '=';
NEQ: '<>' | '!=';
LT: '<';
LTE: '<=';
GT: '>';
GTE: '>=';
PLUS: '+';
MINUS: '-';
ASTERISK: '*';
SLASH: '/';
PERCENT: '%';
CONCAT: '||';
ASSIGN: ':=';
ARROW: '->';
LAMBDA: '=>';
DOT: '.';
COMMA: ',';
SEMICOLON: ';';
LPAREN: '(';
RPAREN: ')';
LBRACKET: '[';
RBRACKET: ']';

STRING
    : '\'' (~'\'' | '\'\'')* '\''
    ;

INTEGER_VALUE
    : DIGIT+
    ;

DECIMAL_VALUE
    : DIGIT+ '.' DIGIT*
    | '.' DIGIT+
    ;

FLOATING_POINT_VALUE
    : DIGIT+ ('.' DIGIT*)? EXPONENT
    | '.' DIGIT+ EXPONENT
    ;

IDENTIFIER
    : (LETTER | '_') (LETTER | DIGIT | '_' | '@')*
    ;

// A name starting with a digit, e.g. 1R (a number followed by letters: 10SECONDS is one too).
DIGIT_IDENTIFIER
    : DIGIT+ (LETTER | '_' | '@') (LETTER | DIGIT | '_' | '@')*
    ;

QUOTED_IDENTIFIER
    : '"' (~'"' | '""')* '"'
    ;

BACKQUOTED_IDENTIFIER
    : '`' (~'`' | '``')* '`'
    ;

// An unsubstituted ${name} reference: never valid input for the parser, but lexed whole so a
// syntax error names it (see Variables for substitution).
VARIABLE_REFERENCE
    : '${' ~[}]* '}'
    ;

fragment EXPONENT: 'E' [+-]? DIGIT+;
fragment DIGIT: [0-9];
fragment LETTER: [A-Z];

LINE_COMMENT
    : '--' ~[\r\n]* -> channel(HIDDEN)
    ;

BLOCK_COMMENT
    : '/*' .*? '*/' -> channel(HIDDEN)
    ;

WHITESPACE
    : [ \t\r\n\f]+ -> channel(HIDDEN)
    ;

// Anything else, including an unterminated string or quoted identifier, becomes one token
// the parser rejects, so every lexical problem is reported as a syntax error with a position.
UNTERMINATED_STRING: '\'' (~'\'' | '\'\'')* EOF;
UNTERMINATED_QUOTED_IDENTIFIER: ('`' (~'`' | '``')* | '"' (~'"' | '""')*) EOF;
// Text after /* that contains no */ (else BLOCK_COMMENT, shorter, would not win).
UNTERMINATED_COMMENT: '/*' ~'*'* ('*'+ ~[*/] ~'*'*)* '*'* EOF;
UNRECOGNIZED: .;
