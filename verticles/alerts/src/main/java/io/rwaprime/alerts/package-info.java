/**
 * The {@code alerts} role: users' alert rules evaluated on the live stream through sorted threshold indexes
 * ({@code io.rwaprime.alerts.index}), triggers with deterministic ids written to a PostgreSQL outbox, and delivery to
 * the user's channels (in-app on {@code rwa.alerts.user.<id>}, e-mail, …) exactly once.
 */
package io.rwaprime.alerts;
