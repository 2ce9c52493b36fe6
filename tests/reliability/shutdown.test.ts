/**
 * SIGTERM while providers edit: the server exits by itself within 5 s with code 0, every client
 * is told "going away" (1001), and once the server is back the providers reconnect by themselves
 * and converge with nothing lost (everything they had received is served after the restart).
 */
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../shared/rooms';
import { runKillCycles, SHUTDOWN_LIMIT_MS } from './cycles';

describe('graceful shutdown (SIGTERM) while editing', () => {
  it('exits within 5 s, says going away, and loses nothing across the restart', async () => {
    const providers = 5;
    const summary = await runKillCycles({ signal: 'SIGTERM', cycles: 2, providers });
    expect(summary.failures).toEqual([]);
    expect(summary.results).toHaveLength(2);
    for (const result of summary.results) {
      expect(result.exit).toMatchObject({ code: 0, signal: null });
      expect(result.exit.ms).toBeLessThan(SHUTDOWN_LIMIT_MS);
      expect(result.goingAway).toBe(providers);
      expect(result.missing).toBe(0);
      expect(result.receivedChecked).toBeGreaterThan(0);
    }
    expect(CloseCode.GOING_AWAY).toBe(1001);
  }, 120_000);
});
