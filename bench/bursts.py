"""Per-instant view of a W3 (or W2) window: how many runs each instant carried, how late its last one started, and
how busy the machine was while they started and after.

  bursts.py sample OUT SECONDS      # machine CPU (/proc/stat) every 10 ms: "epoch_ms busy_fraction" lines
  bursts.py report RUNS CPU         # RUNS: "epoch_s<TAB>lag_ms" lines (one per started run), CPU: sample's output
"""
import signal
import statistics
import sys
import time
from collections import defaultdict


def cpu_totals():
    with open('/proc/stat') as stat:
        ticks = [int(x) for x in stat.readline().split()[1:]]
    return sum(ticks), ticks[3] + ticks[4]  # all, idle + iowait


def sample(out, seconds):
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # a kill ends the file cleanly
    end = time.time() + seconds
    last = cpu_totals()
    with open(out, 'w') as lines:
        while time.time() < end:
            time.sleep(0.01)
            now = cpu_totals()
            total, idle = now[0] - last[0], now[1] - last[1]
            last = now
            if total > 0:
                lines.write('%d %.2f\n' % (int(time.time() * 1000), 1 - idle / total))


def report(runs_file, cpu_file):
    lags = defaultdict(list)
    for line in open(runs_file):
        instant, lag = line.split('\t')[:2]
        lags[int(instant)].append(float(lag))
    cpu = [tuple(map(float, line.split())) for line in open(cpu_file)]

    def busy(start_ms, end_ms):
        inside = [b for ms, b in cpu if start_ms <= ms < end_ms]
        return statistics.mean(inside) if inside else float('nan')

    def median_of_sampled(values):  # an instant shorter than one 10 ms sample has no CPU figure (nan)
        sampled = [v for v in values if v == v]
        return statistics.median(sampled) if sampled else float('nan')

    rows = []
    for instant in sorted(lags):
        last = max(lags[instant])
        rows.append((instant, len(lags[instant]), statistics.median(lags[instant]), last,
                     busy(instant * 1000, instant * 1000 + last), busy(instant * 1000 + last, instant * 1000 + 1000)))
    print('instant_utc runs lag_p50_ms lag_max_ms busy_while_starting busy_after')
    for instant, n, p50, last, during, after in rows:
        print('%s %5d %8.1f %8.1f %5.2f %5.2f' % (time.strftime('%H:%M:%S', time.gmtime(instant)), n, p50, last, during, after))
    for name, chosen in (('instants of 1,500 runs or more', [r for r in rows if r[1] >= 1500]),
                         ('instants of 600 runs or fewer', [r for r in rows if r[1] <= 600])):
        if chosen:
            print('%s: %d, largest lag median %.1f ms, busy while starting median %.0f %%, after %.0f %%' % (
                name, len(chosen), statistics.median(r[3] for r in chosen), 100 * median_of_sampled(r[4] for r in chosen),
                100 * median_of_sampled(r[5] for r in chosen)))
    big = [r for r in rows if r[1] >= 900]
    if big:
        print('starts per second while an instant of 900+ runs drains, median: %.0f' % statistics.median(r[1] / r[3] * 1000 for r in big))


if __name__ == '__main__':
    if sys.argv[1] == 'sample':
        sample(sys.argv[2], float(sys.argv[3]))
    else:
        report(sys.argv[2], sys.argv[3])
