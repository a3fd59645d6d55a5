package io.sluice.engine.function;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * ksqlDB's URL functions over {@link URI} (RFC 2396): a part the URL lacks is null; a malformed
 * URL is an error (null result).
 */
@FunctionCategory(FunctionCategory.URL)
public final class UrlFunctions {

  private UrlFunctions() {}

  @Udf(name = "URL_ENCODE_PARAM", strict = true,
      description = "input encoded as an application/x-www-form-urlencoded value")
  public static String urlEncodeParam(String input) {
    return URLEncoder.encode(input, StandardCharsets.UTF_8);
  }

  @Udf(name = "URL_DECODE_PARAM", strict = true,
      description = "input decoded from application/x-www-form-urlencoded")
  public static String urlDecodeParam(String input) {
    return URLDecoder.decode(input, StandardCharsets.UTF_8);
  }

  @Udf(name = "URL_EXTRACT_FRAGMENT", strict = true, description = "The fragment of input (decoded)")
  public static String urlExtractFragment(String input) {
    return URI.create(input).getFragment();
  }

  @Udf(name = "URL_EXTRACT_HOST", strict = true, description = "The host of input")
  public static String urlExtractHost(String input) {
    return URI.create(input).getHost();
  }

  @Udf(name = "URL_EXTRACT_PATH", strict = true, description = "The path of input (decoded)")
  public static String urlExtractPath(String input) {
    return URI.create(input).getPath();
  }

  @Udf(name = "URL_EXTRACT_PORT", strict = true, description = "The port of input; null if none")
  public static Integer urlExtractPort(String input) {
    int port = URI.create(input).getPort();
    return port < 0 ? null : port;
  }

  @Udf(name = "URL_EXTRACT_PROTOCOL", strict = true, description = "The scheme of input")
  public static String urlExtractProtocol(String input) {
    return URI.create(input).getScheme();
  }

  @Udf(name = "URL_EXTRACT_QUERY", strict = true, description = "The query of input (decoded)")
  public static String urlExtractQuery(String input) {
    return URI.create(input).getQuery();
  }

  @Udf(name = "URL_EXTRACT_PARAMETER", strict = true,
      description = "The decoded value of the first query parameter named paramToFind; null if "
          + "absent, empty for a parameter without a value")
  public static String urlExtractParameter(String input, String paramToFind) {
    String query = URI.create(input).getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
          StandardCharsets.UTF_8);
      if (name.equals(paramToFind)) {
        return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
