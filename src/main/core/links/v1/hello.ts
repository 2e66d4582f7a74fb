import type { LinkKind } from '../../../../shared/domain';
import { type ErrorCode, PROTOCOL_VERSION } from '../../../../shared/protocol';

/** Why a `hello` is refused: the error frame's code and words, the operator's reason, and how the socket closes. */
export interface HelloRefusal {
  code: ErrorCode;
  message: string;
  lastError: string;
  closeCode: number;
  closeReason: string;
}

/** Checks a hello against this console and the endpoint's configuration; null when it may be accepted. */
export function refuseHello(protocol: number, agentCount: number, kind: LinkKind | null | undefined): HelloRefusal | null {
  if (protocol !== PROTOCOL_VERSION) {
    return {
      code: 'PROTOCOL_UNSUPPORTED',
      message: `This console speaks protocol v${PROTOCOL_VERSION}; the agent offered v${protocol}.`,
      lastError: `Agent speaks protocol v${protocol}; this console speaks v${PROTOCOL_VERSION}.`,
      closeCode: 1002,
      closeReason: 'protocol version unsupported',
    };
  }
  if (kind === 'direct' && agentCount !== 1) {
    return {
      code: 'SCHEMA_MISMATCH',
      message: `This endpoint is configured as a direct link: hello must announce exactly one agent, not ${agentCount}.`,
      lastError: `Configured as direct, but the agent announced ${agentCount} agents: edit the endpoint to make it a gateway.`,
      closeCode: 1008,
      closeReason: 'direct link announced several agents',
    };
  }
  return null;
}

/**
 * Each connection must say hello within `timeoutMs` of opening: an agent that upgrades and stays silent is closed
 * and redialed with backoff, never left "connecting". One deadline at a time; cancelled by hello or close.
 */
export class HelloDeadline {
  private timer: NodeJS.Timeout | null = null;

  start(timeoutMs: number, onMissed: () => void): void {
    this.stop();
    this.timer = setTimeout(() => {
      this.timer = null;
      onMissed();
    }, timeoutMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
