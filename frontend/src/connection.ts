/** The one live connection of the page, over the SockJS bridge at /eventbus. */
import EventBus from '@vertx/eventbus-bridge-client.js';
import { Live, type Bus } from './live';

export const live = new Live(
  () =>
    new EventBus('/eventbus', {
      vertxbus_ping_interval: 10_000,
      vertxbus_reconnect_delay_min: 500,
      vertxbus_reconnect_delay_max: 5_000,
    }) as unknown as Bus,
);
