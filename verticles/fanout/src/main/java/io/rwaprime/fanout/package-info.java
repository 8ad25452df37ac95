/**
 * The fanout role: live data to browsers over the SockJS event-bus bridge ({@code /eventbus}) and to enterprise
 * clients over a plain WebSocket ({@code /api/v1/stream}), with batching and conflation shared by
 * all clients of an event loop (a bounded conflating backlog only for clients that fall behind).
 *
 * <h2>Browser protocol</h2>
 * The browser registers handlers through the standard bridge client: {@code ui.batch} (where every market message
 * arrives, as {@code body: [{address, seq, body}, …]}, at most one frame per batch window) and each public address
 * it wants ({@code rwa.ticks.PAXG}, {@code rwa.bars.1m}, {@code rwa.risk}, …) — registering a public address
 * subscribes; its handler is never called directly, the app dispatches the batch items by {@code address}.
 * User-private addresses ({@code rwa.alerts.user.<id>}, {@code rwa.portfolio.user.<id>}) are registered with
 * {@code {Authorization: "Bearer <access token>"}} as headers and arrive one by one as JSON.
 */
package io.rwaprime.fanout;
