// Socket Mode that acknowledges an envelope only after Rapport kept its event, as
// processBeforeResponse does over HTTP. Bolt's SocketModeReceiver acks an Events API envelope
// before the listeners run (App.processEvent calls ack() first for events), so an event the
// database could not take was acknowledged and lost. Here ack() only records the response; it is
// sent once the listeners returned (our event listener returns when the event is stored or
// spooled). An event that could not be kept (EventNotKeptError) is not acknowledged, and Slack
// sends the envelope again (retry_attempt). https://docs.slack.dev/apis/events-api/using-socket-mode
import { type App, type ReceiverEvent, SocketModeReceiver, type SocketModeReceiverOptions } from '@slack/bolt';
import type { Logger } from '../../core/logger.ts';

interface SlackEventArgs {
  body: Record<string, unknown>;
  retry_num?: number;
  retry_reason?: string;
  ack(response?: unknown): Promise<void>;
}

export class KeepThenAckSocketReceiver extends SocketModeReceiver {
  #app: App | undefined;

  constructor(options: SocketModeReceiverOptions & { rapportLogger: Logger; isNotKept(error: unknown): boolean }) {
    const { rapportLogger: logger, isNotKept, ...socketOptions } = options;
    super(socketOptions);
    // Bolt's listener would ack first; ours acks after.
    this.client.removeAllListeners('slack_event');
    this.client.on('slack_event', async (args: SlackEventArgs) => {
      let response: { body?: unknown } | undefined;
      const event: ReceiverEvent = {
        body: args.body,
        ...(args.retry_num !== undefined ? { retryNum: args.retry_num } : {}),
        ...(args.retry_reason !== undefined ? { retryReason: args.retry_reason } : {}),
        customProperties: {},
        ack: async (body?: unknown) => {
          response ??= { body };
        },
      };
      try {
        await this.#app?.processEvent(event);
      } catch (error) {
        if (isNotKept(error)) {
          logger.warn({ type: args.body['type'], retryNum: args.retry_num }, 'slack: event not kept; not acknowledged, so Slack sends it again');
          return;
        }
        logger.error({ err: error }, 'slack: Socket Mode envelope failed');
      }
      if (!response) return;
      try {
        await args.ack(response.body);
      } catch (error) {
        logger.warn({ err: error }, 'slack: Socket Mode ack not sent (the connection dropped); Slack sends the envelope again');
      }
    });
  }

  override init(app: App): void {
    super.init(app);
    this.#app = app;
  }
}
