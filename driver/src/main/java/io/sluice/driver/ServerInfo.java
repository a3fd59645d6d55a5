package io.sluice.driver;

/** {@code GET /info}: who answers at the server address. */
public record ServerInfo(String version, String kafkaClusterId, String serviceId, String status) {
}
