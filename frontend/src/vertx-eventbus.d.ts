declare module '@vertx/eventbus-bridge-client.js' {
  const EventBus: new (url: string, options?: Record<string, unknown>) => unknown;
  export default EventBus;
}
