#!/usr/bin/env python3
"""The team load benchmark of issue 19 (see BENCHMARKS.md, "Team store under load").

Starts a private PostgreSQL cluster on loopback (.ci/pg_cluster.sh), writes a
synthetic dataset, opens one team project with overlap 2, starts N headless
annotators (`scenelens-bench team-client`) at once, kills one with SIGKILL while
it holds a lease with undecided negatives in it, waits for the rest, then checks
the store with psql:

  - no decision lost: every decision a client printed (it prints after the
    server committed) is in the store, with that annotator;
  - no negative decided by more than `overlap` annotators;
  - the killed annotator's leased-but-undecided negatives are claimed by other
    annotators within its lease: with overlap N, N-1 others may hold one while
    the lease runs, so the delay is from the kill to the N-th other
    annotator's first claim of it, which needed the lease to run out. When
    the others had finished before the lease ran out (a small run), a probe
    annotator claims once, just after the lease, and must get all of them.

--plant makes a check fail on purpose, to show that it can: `over-overlap`
adds a decision by a third annotator to a complete negative, `lost` deletes a
decision a client saw committed, `stuck-lease` pushes the killed annotator's
leases an hour on right after the kill.

Prints the decision latency (the client's `record` round trip) p50/p95/p99
against the 20 ms target, which is reported, not asserted. Exits 1 when a
correctness check fails.

    swift build -c release --product scenelens-bench
    python3 Benchmarks/team_load.py [--bin .build/release/scenelens-bench]
        [--clients 20] [--decisions 200] [--batch 10] [--lease 3] [--overlap 2]
        [--plant over-overlap|lost|stuck-lease]
"""
import argparse, json, os, signal, subprocess, sys, tempfile, threading, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def make_dataset(path, items, per_item):
    ops = ["swap", "replace", "shorten", "overthink"]
    with open(path, "w") as f:
        for i in range(items):
            negs = []
            for j in range(per_item):
                negs.append({"id": f"n{j + 1}", "operator": ops[j % 4],
                             "rationale": {"steps": [f"Step one of negative {j + 1} for item {i}.",
                                                     f"So the answer is wrong {i}-{j}."],
                                           "answer": f"wrong {i}-{j}"}})
            f.write(json.dumps({"id": f"load-{i:05d}", "image": f"images/{i:05d}.png",
                                "scene_graph": {"entities": [{"id": "o1", "name": "cube"}, {"id": "o2", "name": "sphere"}],
                                                "relations": [["o1", "left of", "o2"]]},
                                "question": f"How many cubes are in scene {i}?",
                                "answer": str(i % 7),
                                "chosen": {"steps": [f"There are {i % 7} cubes."], "answer": str(i % 7)},
                                "negatives": negs}) + "\n")


def percentile(sorted_values, p):
    if not sorted_values:
        return float("nan")
    k = max(0, min(len(sorted_values) - 1, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


class Client:
    def __init__(self, name, cmd):
        self.name = name
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, bufsize=1)
        self.claims = []      # (epoch_ms, [keys])
        self.decided = []     # (epoch_ms, latency_ms, key)
        self.done = None
        self.stderr = ""
        self.lock = threading.Lock()
        self.on_decided = None
        self.reader = threading.Thread(target=self.read, daemon=True)
        self.reader.start()

    def read(self):
        for line in self.proc.stdout:
            parts = line.rstrip("\n").split("\t")
            with self.lock:
                if parts[0] == "claim":
                    self.claims.append((int(parts[1]), parts[3:]))
                elif parts[0] == "decided":
                    self.decided.append((int(parts[1]), float(parts[2]), parts[3]))
                elif parts[0] == "done":
                    self.done = int(parts[1])
            if parts[0] == "decided" and self.on_decided:
                self.on_decided(self)
        self.stderr = self.proc.stderr.read()

    def held_undecided(self):
        """Negatives in its last claim it has not printed a decision for."""
        with self.lock:
            if not self.claims:
                return []
            mine = {k for _, _, k in self.decided}
            return [k for k in self.claims[-1][1] if k not in mine]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build/release/scenelens-bench"))
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--decisions", type=int, default=200)
    ap.add_argument("--batch", type=int, default=10)
    ap.add_argument("--lease", type=int, default=3)
    ap.add_argument("--overlap", type=int, default=2)
    ap.add_argument("--kill-after", type=int, default=30, help="decisions the victim commits before it is killed")
    ap.add_argument("--no-kill", action="store_true", help="kill no one (a baseline of the latency alone)")
    ap.add_argument("--json", help="write the figures here as JSON too")
    ap.add_argument("--plant", choices=["over-overlap", "lost", "stuck-lease"],
                    help="break the store on purpose so that one check must fail")
    a = ap.parse_args()
    if not os.access(a.bin, os.X_OK):
        sys.exit(f"team_load: no {a.bin}; build it with: swift build -c release --product scenelens-bench")

    work = tempfile.mkdtemp(prefix="scenelens-teamload-")
    os.chmod(work, 0o755)  # the cluster runs as the postgres user
    cluster = os.path.join(work, "pg")
    failures = []
    try:
        url = subprocess.run(["bash", os.path.join(ROOT, ".ci/pg_cluster.sh"), "start", cluster], check=True,
                             capture_output=True, text=True).stdout.strip().splitlines()[-1]
        port = open(os.path.join(cluster, "port")).read().strip()

        def sql(q):
            out = subprocess.run(["psql", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "-d", "scenelens_test",
                                  "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", q],
                                 check=True, capture_output=True, text=True).stdout
            return [line.split("\t") for line in out.splitlines() if line]

        # Enough negatives that every client's decisions fit at the overlap, with room to spare.
        per_item = 4
        negatives = max(a.decisions, (a.clients * a.decisions + a.overlap - 1) // a.overlap) * 3 // 2
        dataset = os.path.join(work, "load.jsonl")
        make_dataset(dataset, (negatives + per_item - 1) // per_item, per_item)
        project = "load"
        common = ["--store", url, "--project", project, "--dataset", dataset]
        opened = subprocess.run([a.bin, "team-open", *common, "--overlap", str(a.overlap)],
                                check=True, capture_output=True, text=True).stdout.strip()
        print(f"team_load: {opened}; {a.clients} clients x {a.decisions} decisions, batch {a.batch}, lease {a.lease} s")

        load_before = os.getloadavg()
        victim_name = None if a.no_kill else f"annotator-{min(7, a.clients - 1):02d}"
        kill = {}
        kill_lock = threading.Lock()

        def maybe_kill(c):
            with kill_lock:
                if kill or len(c.decided) < a.kill_after:
                    return
                held = c.held_undecided()
                if len(held) < 2:      # mid-batch: it still holds undecided negatives
                    return
                os.kill(c.proc.pid, signal.SIGKILL)
                kill["ms"] = int(time.time() * 1000)
                kill["held"] = held
                if a.plant == "stuck-lease":
                    sql(f"UPDATE claims SET expires = expires + 3600000 WHERE project = '{project}' AND annotator = '{c.name}'")

        t0 = time.time()
        clients = []
        for n in range(a.clients):
            name = f"annotator-{n:02d}"
            c = Client(name, [a.bin, "team-client", *common, "--annotator", name, "--decisions", str(a.decisions),
                              "--batch", str(a.batch), "--lease", str(a.lease)])
            if name == victim_name:
                c.on_decided = maybe_kill
            clients.append(c)
        for c in clients:
            c.proc.wait()
            c.reader.join()
        wall = time.time() - t0
        load_after = os.getloadavg()

        victim = next((c for c in clients if c.name == victim_name), None)
        if victim and not kill:
            failures.append(f"{victim_name} was never killed (it decided {len(victim.decided)})")
        for c in clients:
            if c is victim:
                continue
            if c.proc.returncode != 0 or c.done != a.decisions:
                failures.append(f"{c.name} exited {c.proc.returncode} after {len(c.decided)} decisions: {c.stderr.strip()[-300:]}")

        if a.plant == "over-overlap":
            sql(f"""INSERT INTO decisions (project, item_id, negative_id, annotator, verdict, tags, time, content_hash)
                    SELECT project, item_id, negative_id, 'planted-extra', 'accept', '[]', 0, 'planted'
                    FROM decisions WHERE project = '{project}' GROUP BY project, item_id, negative_id
                    HAVING count(*) >= {a.overlap} LIMIT 1""")
        elif a.plant == "lost":
            some = next(c for c in clients if c.decided and c is not victim)
            item, neg = some.decided[len(some.decided) // 2][2].split("/", 1)
            sql(f"""DELETE FROM decisions WHERE project = '{project}' AND annotator = '{some.name}'
                    AND item_id = '{item}' AND negative_id = '{neg}'""")
        if a.plant:
            print(f"team_load: planted {a.plant}: a check must fail")

        # 1. Nothing a client saw committed is missing.
        stored = {}
        for ann, key in sql(f"SELECT annotator, item_id || '/' || negative_id FROM decisions WHERE project = '{project}'"):
            stored.setdefault(ann, set()).add(key)
        seen = sum(len(c.decided) for c in clients)
        lost = [(c.name, k) for c in clients for _, _, k in c.decided if k not in stored.get(c.name, set())]
        if lost:
            failures.append(f"{len(lost)} committed decisions are not in the store, e.g. {lost[:3]}")
        total_stored = sum(len(v) for v in stored.values())
        extra_victim = len(stored.get(victim_name, set())) - len(victim.decided) if victim else 0
        if any(len(stored.get(c.name, set())) != len(c.decided) for c in clients if c is not victim) or not 0 <= extra_victim <= 1:
            failures.append("the store's decisions per annotator differ from what the clients printed")

        # 2. No negative decided by more than the overlap.
        over = sql(f"""SELECT count(*) FROM (SELECT 1 FROM decisions WHERE project = '{project}'
                       GROUP BY item_id, negative_id HAVING count(DISTINCT annotator) > {a.overlap}) AS o""")[0][0]
        if int(over) != 0:
            failures.append(f"{over} negatives decided by more than {a.overlap} annotators")
        max_per = sql(f"""SELECT COALESCE(max(n), 0) FROM (SELECT count(*) AS n FROM decisions
                          WHERE project = '{project}' GROUP BY item_id, negative_id) AS p""")[0][0]

        # 3. The victim's leased-but-undecided negatives went to others within the lease.
        takeover = []
        orphans = []
        probed = False
        if kill:
            orphans = [k for k in kill["held"] if k not in stored.get(victim_name, set())]

            def took_over(k, others):
                # With overlap N the victim's negative may go to N-1 others while its lease runs;
                # the N-th other annotator's first claim of it is the one that needed the lease to run out.
                firsts = sorted(min(ms for ms, keys in c.claims if k in keys) for c in others
                                if any(k in keys for _, keys in c.claims))
                return firsts[a.overlap - 1] - kill["ms"] if len(firsts) >= a.overlap else None

            others = [c for c in clients if c is not victim]
            takeover = [(k, took_over(k, others)) for k in orphans]
            if any(d is None for _, d in takeover):
                # The others finished before the lease ran out: a probe claims
                # everything claimable once, just after the lease, and must get them.
                time.sleep(max(0.0, (kill["ms"] + a.lease * 1000 + 200) / 1000 - time.time()))
                probe = Client("probe", [a.bin, "team-client", *common, "--annotator", "probe", "--decisions", "0",
                                         "--batch", str(int(opened.split()[-1])), "--lease", str(a.lease)])
                probe.proc.wait()
                probe.reader.join()
                probed = True
                got = {k for _, keys in probe.claims for k in keys}
                first = min((ms for ms, _ in probe.claims), default=None)
                takeover = [(k, d if d is not None else (first - kill["ms"] if first is not None and k in got else None))
                            for k, d in takeover]
            late = [(k, d) for k, d in takeover if d is None or d > a.lease * 1000 + 500]
            if not orphans:
                failures.append("the victim held no undecided negatives when killed")
            if late:
                failures.append(f"{len(late)} of the killed annotator's negatives not taken over within the "
                                f"{a.lease} s lease (+0.5 s): {late[:3]}")
        delays = sorted(d for _, d in takeover if d is not None)

        lat = sorted(l for c in clients for _, l, _ in c.decided)
        p50, p95, p99 = (percentile(lat, p) for p in (50, 95, 99))
        figures = {
            "clients": a.clients, "decisions_each": a.decisions, "batch": a.batch, "lease_s": a.lease,
            "overlap": a.overlap, "negatives": int(opened.split()[-1]), "wall_s": round(wall, 2),
            "decisions_seen": seen, "decisions_stored": total_stored, "lost": len(lost),
            "over_overlap": int(over), "max_annotators_per_negative": int(max_per),
            "victim_decided_before_kill": len(victim.decided) if victim else None, "victim_orphans": len(orphans),
            "takeover_first_ms": delays[0] if delays else None, "takeover_by_probe": probed, "planted": a.plant, "takeover_last_ms": delays[-1] if delays else None,
            "latency_ms": {"p50": round(p50, 2), "p95": round(p95, 2), "p99": round(p99, 2), "max": round(lat[-1], 2) if lat else None},
            "throughput_per_s": round(seen / wall, 1),
            "loadavg_before": [round(x, 2) for x in load_before], "loadavg_after": [round(x, 2) for x in load_after],
            "cores": os.cpu_count(),
        }
        print(f"decisions: {seen} committed as the clients saw them, {total_stored} in the store, {len(lost)} lost "
              f"({seen / wall:.0f}/s over {wall:.1f} s)")
        print(f"overlap: {over} negatives above {a.overlap}; at most {max_per} annotators on one negative")
        if kill:
            print(f"kill: {victim_name} after {len(victim.decided)} decisions, holding {len(orphans)} undecided; "
                  f"first taken over after {figures['takeover_first_ms']} ms, the last after {figures['takeover_last_ms']} ms "
                  f"(lease {a.lease * 1000} ms{'; the others had finished, so a probe claimed after the lease' if probed else ''})")
        print(f"latency of record (ms): p50 {p50:.2f}  p95 {p95:.2f}  p99 {p99:.2f}  max {lat[-1] if lat else float('nan'):.2f}"
              f"  target p99 <= 20: {'met' if p99 <= 20 else 'MISSED'}")
        print(f"machine: {os.cpu_count()} cores, load average {load_before[0]:.2f} before, {load_after[0]:.2f} after")
        if a.json:
            with open(a.json, "w") as f:
                json.dump(figures, f, indent=1)
    finally:
        subprocess.run(["bash", os.path.join(ROOT, ".ci/pg_cluster.sh"), "stop", cluster], capture_output=True)
        subprocess.run(["rm", "-rf", work])
    for f in failures:
        print("FAIL: " + f, file=sys.stderr)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
