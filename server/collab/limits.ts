/**
 * Per-member limits at the WebSocket door: how many connections one member holds at once, and how
 * many documents they open per minute. They keep one account (or a stolen session) from
 * exhausting the server's memory by opening every document at once.
 */
import { RateLimiterMemory } from 'rate-limiter-flexible';

/** Limits from configuration. */
export interface ConnectionLimitOptions {
  maxConnectionsPerMember: number;
  documentOpensPerMinute: number;
}

/** Tracks open connections and recent opens per member. */
export class ConnectionLimits {
  private readonly open = new Map<string, number>();
  private readonly opens: RateLimiterMemory;

  constructor(private readonly options: ConnectionLimitOptions) {
    this.opens = new RateLimiterMemory({ keyPrefix: 'document-opens', points: options.documentOpensPerMinute, duration: 60 });
  }

  /** Why this member may not open one more connection now, or null if they may. */
  async refusal(memberId: string): Promise<string | null> {
    if ((this.open.get(memberId) ?? 0) >= this.options.maxConnectionsPerMember) return 'too many open connections';
    try {
      await this.opens.consume(memberId);
      return null;
    } catch {
      return 'too many documents opened in the last minute';
    }
  }

  /** Counts a connection as open until the returned function is called. */
  hold(memberId: string): () => void {
    this.open.set(memberId, (this.open.get(memberId) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(memberId) ?? 1) - 1;
      if (left <= 0) this.open.delete(memberId);
      else this.open.set(memberId, left);
    };
  }
}
