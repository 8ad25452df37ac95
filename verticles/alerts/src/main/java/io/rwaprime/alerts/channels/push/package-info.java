/**
 * Push delivery channels of the alerts role (issue 8): {@link io.rwaprime.alerts.channels.push.FcmSender} ({@code fcm},
 * Android and any FCM client), {@link io.rwaprime.alerts.channels.push.ApnsSender} ({@code apns}, iOS) and
 * {@link io.rwaprime.alerts.channels.push.WebPushSender} ({@code webpush}, the dashboard PWA), each an
 * {@link io.rwaprime.alerts.channels.Sender} configured by a small settings record. Only the JDK's cryptography is
 * used (RSA, EC P-256, ECDH, AES-GCM, HMAC-SHA-256); the JOSE helpers live in {@code Jose} and {@code P256}.
 *
 * <p>What an operator provides:
 * <ul>
 *   <li>FCM: the Firebase project's service-account JSON key ({@code project_id}, {@code client_email},
 *   {@code private_key}, {@code token_uri}; {@link io.rwaprime.alerts.channels.push.FcmSettings#fromServiceAccount});
 *   the account needs the "Firebase Cloud Messaging API Admin" role (scope {@code firebase.messaging});</li>
 *   <li>APNs: team id, key id, the {@code AuthKey_*.p8} signing key, the app's bundle id, and production or sandbox
 *   host ({@link io.rwaprime.alerts.channels.push.ApnsSettings});</li>
 *   <li>Web Push: a VAPID key pair generated once ({@link io.rwaprime.alerts.channels.push.VapidKeys#generate()}; the
 *   public key is the dashboard's {@code applicationServerKey}) and a contact subject ({@code mailto:…})
 *   ({@link io.rwaprime.alerts.channels.push.WebPushSettings}).</li>
 * </ul>
 */
package io.rwaprime.alerts.channels.push;
