package io.rwaprime.alerts.channels.push;

import io.vertx.core.json.JsonObject;

/**
 * Settings of {@link FcmSender}: the Firebase project's service account (the fields of its JSON key file) and the FCM
 * base URL. The private key is parsed here, so a bad key fails at start-up rather than at the first alert.
 *
 * @param projectId     {@code project_id}
 * @param clientEmail   {@code client_email}, the JWT assertion's issuer
 * @param privateKeyId  {@code private_key_id}, sent as the assertion's {@code kid}; may be null
 * @param privateKeyPem {@code private_key}: an RSA key, PKCS#8 PEM
 * @param tokenUri      {@code token_uri}, the OAuth 2.0 token endpoint; null for {@link #DEFAULT_TOKEN_URI}
 * @param baseUrl       the FCM API base; null for {@link #DEFAULT_BASE_URL}
 */
public record FcmSettings(String projectId, String clientEmail, String privateKeyId, String privateKeyPem,
                          String tokenUri, String baseUrl) {

  public static final String DEFAULT_BASE_URL = "https://fcm.googleapis.com";
  public static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

  public FcmSettings {
    requireText(projectId, "project_id");
    requireText(clientEmail, "client_email");
    Jose.privateKeyFromPem(privateKeyPem, "RSA");
    tokenUri = tokenUri == null || tokenUri.isBlank() ? DEFAULT_TOKEN_URI : tokenUri.strip();
    baseUrl = stripSlash(baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.strip());
  }

  /**
   * The settings of a service-account JSON key file (as downloaded from the Firebase console).
   *
   * @param baseUrl the FCM API base; null for {@link #DEFAULT_BASE_URL}
   */
  public static FcmSettings fromServiceAccount(JsonObject serviceAccount, String baseUrl) {
    return new FcmSettings(serviceAccount.getString("project_id"), serviceAccount.getString("client_email"),
        serviceAccount.getString("private_key_id"), serviceAccount.getString("private_key"),
        serviceAccount.getString("token_uri"), baseUrl);
  }

  @Override
  public String toString() {
    return "FcmSettings[projectId=" + projectId + ", clientEmail=" + clientEmail + ", privateKeyId=" + privateKeyId
        + ", privateKeyPem=(hidden), tokenUri=" + tokenUri + ", baseUrl=" + baseUrl + "]";
  }

  private static void requireText(String v, String name) {
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("the FCM service account has no " + name);
    }
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
