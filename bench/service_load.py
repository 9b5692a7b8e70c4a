#!/usr/bin/env python3
"""Load generator for `rampart server` + `rampart runner` on this machine (bench/service-dispatch.sh).

Starts one or two server replicas and N runner processes, registers a local git repository with a
one-job pipeline (one `true` step), then measures:
  latency   a commit is pushed to the repository, then its webhook is sent; from sending it to the
            runner printing `job NAME of run N`, one delivery at a time, after WARMUP deliveries
            that are reported apart; split with the database's timestamps into run recorded -> job
            queued (the server's before-job work) and job queued -> claimed, next to the server's
            own histogram;
  throughput  RUNS signed push deliveries as fast as they are accepted; jobs per minute until every
            run is finished; afterwards every run must have succeeded and every job must have been
            handed out exactly once (runner output); queue depth is sampled to tell who waited;
  intake    INTAKE signed push deliveries (distinct ids and bodies) for a deleted branch: verified,
            recorded against replay, and answered 200 `ignored`, so no run is started;
and finally runs `rampart ledger verify` on the (shared) state folder.
Every process is started here and killed by its PID at the end. Python standard library only.
"""
import argparse, base64, hashlib, hmac, http.client, json, os, re, secrets, subprocess
import sys, threading, time, urllib.parse, uuid
from concurrent.futures import ThreadPoolExecutor

REPO = "bench/trivial"
PIPELINE = 'name: trivial\njobs:\n  noop:\n    steps:\n      - run: "true"\n'
HANDOUT = re.compile(r"job (\S+) of run (\d+) \(.*\), attempt (\d+)")
FINISHED = re.compile(r"^  step \d+ .*: (succeeded|failed|cancelled|timedout|skipped)$")  # one-step jobs: the step's end is the job's


# First hand-out line seen per run, from any runner: the latency phase waits on this instead of
# polling, so the load generator takes no CPU from the service while a job is on its way.
FIRST_HANDOUT, HANDOUT_SEEN = {}, threading.Condition()


class Child:
    """A rampart process whose output lines are timestamped (time.monotonic) as they arrive."""

    def __init__(self, name, argv, env, runner=False):
        self.name, self.lines, self.cond, self.runner = name, [], threading.Condition(), runner
        self.proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, text=True, bufsize=1)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            t = time.monotonic()
            with self.cond:
                self.lines.append((t, line.rstrip("\n")))
                self.cond.notify_all()
            if self.runner and (m := HANDOUT.search(line)):
                with HANDOUT_SEEN:
                    FIRST_HANDOUT.setdefault(int(m.group(2)), t)
                    HANDOUT_SEEN.notify_all()

    def wait_for(self, pattern, timeout=120):
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for _, line in self.lines:
                    if m := re.search(pattern, line):
                        return m
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"{self.name}: '{pattern}' not seen; output:\n" + self.output())
                self.cond.wait(0.5)

    def output(self):
        with self.cond:
            return "\n".join(line for _, line in self.lines)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


class Api:
    """One keep-alive HTTP connection per thread to one server."""

    def __init__(self, url, token=None):
        u = urllib.parse.urlsplit(url)
        self.host, self.port, self.token, self.local = u.hostname, u.port, token, threading.local()

    def request(self, method, path, body=None, headers=None):
        h = dict(headers or {})
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        if isinstance(body, (dict, list)):
            body, h["Content-Type"] = json.dumps(body).encode(), "application/json"
        for attempt in range(2):
            conn = getattr(self.local, "conn", None) or http.client.HTTPConnection(self.host, self.port, timeout=120)
            self.local.conn = conn
            try:
                conn.request(method, path, body=body, headers=h)
                r = conn.getresponse()
                data = r.read()
                return r.status, data
            except (ConnectionError, http.client.HTTPException):
                conn.close()
                self.local.conn = None
                if attempt:
                    raise

    def json(self, method, path, body=None):
        status, data = self.request(method, path, body)
        if status >= 300:
            raise SystemExit(f"{method} {path}: {status} {data[:300]!r}")
        return json.loads(data) if data else None


def epoch(text):
    """SQLite's ISO 8601 text (7 fraction digits, Z) as seconds since the epoch."""
    if text is None:
        return None
    from datetime import datetime
    head, _, frac = text.rstrip("Z").partition(".")
    return datetime.fromisoformat(head + "+00:00").timestamp() + float("0." + (frac or "0"))


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))] if s else float("nan")


def git(cwd, *args):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def make_repo(path, pipeline=PIPELINE):
    os.makedirs(os.path.join(path, ".rampart"))
    with open(os.path.join(path, ".rampart", "pipeline.yml"), "w") as f:
        f.write(pipeline)
    git(path, "init", "-q", "-b", "main")
    git(path, "add", "-A")
    git(path, "-c", "user.email=bench@rampart.example", "-c", "user.name=bench", "commit", "-q", "-m", "trivial")
    return git(path, "rev-parse", "HEAD")


class IdleRunners:
    """Registered runners that only wait for work no job of the bench fits (label `idle`), one
    long-poll each, spread over the replicas: what hundreds of idle machines cost the service."""

    def __init__(self, svc, n):
        self.stopping, self.threads = False, []
        for i in range(n):
            api = svc.apis[i % len(svc.apis)]
            reg = api.json("POST", "/api/v1/runners/registration-tokens")["token"]
            plain = Api(svc.servers[i % len(svc.servers)])
            status, data = plain.request("POST", "/api/v1/runner/register",
                                         {"token": reg, "name": f"idle{i + 1}", "labels": ["idle"], "ephemeral": False})
            if status != 201:
                raise SystemExit(f"idle runner registration: {status} {data[:200]}")
            credential = json.loads(data)["credential"]
            t = threading.Thread(target=self._wait, args=(Api(svc.servers[i % len(svc.servers)], credential),), daemon=True)
            t.start()
            self.threads.append(t)

    def _wait(self, api):
        while not self.stopping:
            try:
                api.request("POST", "/api/v1/runner/jobs/claim?wait=20", {})
            except (OSError, http.client.HTTPException):
                time.sleep(0.5)

    def stop(self):
        self.stopping = True


class Service:
    def __init__(self, args):
        self.args, self.children, self.events = args, [], []
        self.work = args.work
        self.state = os.path.join(self.work, "server")
        self.env = dict(os.environ, NO_COLOR="1", RAMPART_MASTER_KEY_FILE=os.path.join(self.work, "master.key"))
        self.secret = secrets.token_hex(32)
        self.seq = self.started = 0
        self.seq_lock = threading.Lock()
        self.idle = None

    def rampart(self, *args):
        return [*self.args.rampart.split(), *args]

    def start(self):
        os.makedirs(self.work, exist_ok=True)
        key = self.env["RAMPART_MASTER_KEY_FILE"]
        with open(os.open(key, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
            f.write(base64.b64encode(os.urandom(32)).decode())
        # Where the servers keep their vault: the state folder with SQLite, the database with PostgreSQL.
        where = [] if self.args.database == "sqlite" else ["--database", self.args.database]
        subprocess.run(self.rampart("--home", self.state, "secrets", "set", "RAMPART_WEBHOOK_SECRET", "--repo", REPO, *where),
                       input=self.secret, text=True, env=self.env, check=True, capture_output=True)
        # With idle runners the job asks for a label only the real runners have, so idle ones never fit it.
        pipeline = PIPELINE.replace("  noop:\n", "  noop:\n    runs-on: [bench]\n") if self.args.idle_runners else PIPELINE
        self.commit = make_repo(os.path.join(self.work, "repo"), pipeline)
        self.servers, token = [], None
        for i in range(self.args.replicas):
            server = Child(f"server{i + 1}", self.rampart(
                "--home", self.state, "server", "--listen", "http://127.0.0.1:0", "--database", self.args.database,
                "--set", f"replica_id=bench-{i + 1}"), self.env)
            self.children.append(server)
            url = server.wait_for(r"listening on (http://\S+?)/?[ ,]|listening on (http://\S+)$")
            url = (url.group(1) or url.group(2)).rstrip("/,")
            if m := re.search(r"admin token: (\S+)", server.output()):
                token = m.group(1)
            self.servers.append(url)
        self.apis = [Api(u, token) for u in self.servers]
        self.apis[0].json("POST", "/api/v1/repositories", {"name": REPO, "cloneUrl": os.path.join(self.work, "repo")})
        for i in range(self.args.runners):
            api, url = self.apis[i % len(self.apis)], self.servers[i % len(self.servers)]
            reg = api.json("POST", "/api/v1/runners/registration-tokens")["token"]
            extra = ["--unsafe-no-sandbox"] if self.args.unsafe_no_sandbox else []
            runner = Child(f"runner{i + 1}", self.rampart(
                "--home", os.path.join(self.work, f"runner{i + 1}"), "runner", "--server", url,
                "--registration-token", reg, "--name", f"r{i + 1}", "--label", "bench", *extra), self.env, runner=True)
            self.children.append(runner)
            runner.wait_for("registered as runner")
        self.runners = [c for c in self.children if c.name.startswith("runner")]
        self.idle = IdleRunners(self, self.args.idle_runners) if self.args.idle_runners else None

    def stop(self):
        if self.idle:
            self.idle.stop()
        for child in reversed(self.children):
            child.stop()
            with open(os.path.join(self.work, child.name + ".log"), "w") as f:
                f.write(child.output())

    def push_commit(self):
        """A new commit on main in the registered repository (a file changed), as a push would bring."""
        repo = os.path.join(self.work, "repo")
        with open(os.path.join(repo, "change.txt"), "a") as f:
            f.write(f"{uuid.uuid4()}\n")
        git(repo, "add", "change.txt")
        git(repo, "-c", "user.email=bench@rampart.example", "-c", "user.name=bench", "commit", "-q", "-m", "change")
        return git(repo, "rev-parse", "HEAD")

    def delivery(self, deleted=False, commit=None):
        """A signed GitHub push delivery with its own id and body; returns (headers, body)."""
        with self.seq_lock:
            self.seq += 1
            n = self.seq
        payload = {"ref": "refs/heads/main", "after": "0" * 40 if deleted else commit or self.commit, "deleted": deleted,
                   "repository": {"full_name": REPO}, "sender": {"login": "bench"}, "bench_sequence": n}
        body = json.dumps(payload).encode()
        sig = "sha256=" + hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
        return {"X-GitHub-Event": "push", "X-GitHub-Delivery": str(uuid.uuid4()), "X-Hub-Signature-256": sig,
                "Content-Type": "application/json"}, body

    def post_webhook(self, api, deleted=False, commit=None):
        headers, body = self.delivery(deleted, commit)
        status, data = api.request("POST", "/hooks/github", body, headers)
        answer = json.loads(data)
        with self.seq_lock:
            self.started += len(answer.get("runs") or [])
        return status, answer

    def handouts(self):
        """(run, job, attempt, time, runner) for every hand-out line any runner printed."""
        out = []
        for r in self.runners:
            with r.cond:
                out += [(int(m.group(2)), m.group(1), int(m.group(3)), t, r.name)
                        for t, line in r.lines if (m := HANDOUT.search(line))]
        return out

    def busy_seconds(self, since):
        """Sum over runners of time from each hand-out line to that job's finished line, after `since`."""
        total = 0.0
        for r in self.runners:
            with r.cond:
                start = None
                for t, line in r.lines:
                    if HANDOUT.search(line):
                        start = t
                    elif FINISHED.search(line) and start is not None:
                        if start >= since:
                            total += t - start
                        start = None
        return total

    def timeline(self, runs):
        """From the database, per run: [recorded, job queued, job claimed, run finished] in epoch seconds."""
        ids = ",".join(str(r) for r in runs)
        columns = ["r.started_at", "q.enqueued_at", "q.claimed_at", "r.finished_at"]
        sql = f"FROM runs r JOIN queue_jobs q ON q.run_id = r.id WHERE r.id IN ({ids})"
        if self.args.database == "sqlite":
            import sqlite3
            with sqlite3.connect(f"file:{os.path.join(self.state, 'service.db')}?mode=ro", uri=True) as db:
                rows = [[epoch(v) for v in row] for row in db.execute(f"SELECT {', '.join(columns)} {sql}")]
        else:
            conn = dict(kv.split("=", 1) for kv in self.args.database[len("postgres:"):].split(";") if kv)
            select = ", ".join(f"extract(epoch from {c})" for c in columns)
            out = subprocess.run(["psql", "-h", conn["Host"], "-p", conn["Port"], "-U", conn["Username"], "-d", conn["Database"],
                                  "-At", "-F", " ", "-c", f"SELECT {select} {sql}"], check=True, capture_output=True, text=True).stdout
            rows = [[float(v) if v else None for v in line.split(" ")] for line in out.splitlines() if line.strip()]
        return [r for r in rows if len(r) == 4 and None not in r[:3]]

    def split(self, runs):
        """Recorded -> job queued (the server's work before the job: reading the pipeline, checking the
        commit out, the built-in stages) and queued -> claimed by a runner."""
        rows = self.timeline(runs)
        return {
            "server, run recorded -> job queued (before-job work)": [(q - r) * 1000 for r, q, _, _ in rows],
            "queue, job queued -> claimed by a runner": [(c - q) * 1000 for _, q, c, _ in rows],
        } if rows else None

    def metrics(self):
        """Summed over replicas: dispatch histogram buckets, its count/sum, finished runs, queue depth."""
        buckets, count, total, finished, queued, running = {}, 0, 0.0, 0, 0, 0
        phases = {}  # phase -> {"buckets": {le: n}, "sum": s, "count": n}, summed over replicas
        claims = {}
        for i, api in enumerate(self.apis):
            _, data = api.request("GET", "/metrics")
            for line in data.decode().splitlines():
                if m := re.match(r'rampart_dispatch_latency_seconds_bucket\{le="([^"]+)"\} (\d+)', line):
                    buckets[m.group(1)] = buckets.get(m.group(1), 0) + int(m.group(2))
                elif m := re.match(r"rampart_dispatch_latency_seconds_count (\d+)", line):
                    count += int(m.group(1))
                elif m := re.match(r"rampart_dispatch_latency_seconds_sum (\S+)", line):
                    total += float(m.group(1))
                elif m := re.match(r'rampart_run_preparation_seconds_(bucket|sum|count)\{phase="([a-z]+)"(?:,le="([^"]+)")?\} (\S+)', line):
                    kind, phase, le, value = m.groups()
                    p = phases.setdefault(phase, {"buckets": {}, "sum": 0.0, "count": 0})
                    if kind == "bucket":
                        p["buckets"][le] = p["buckets"].get(le, 0) + int(value)
                    else:
                        p[kind] += float(value) if kind == "sum" else int(value)
                elif m := re.match(r'rampart_job_claims_total\{result="([a-z]+)"\} (\d+)', line):
                    claims[m.group(1)] = claims.get(m.group(1), 0) + int(m.group(2))
                elif m := re.match(r'rampart_runs_finished_total\{outcome="[^"]+"\} (\d+)', line):
                    finished += int(m.group(1))
                elif i == 0 and (m := re.match(r'rampart_queue_jobs\{state="(queued|running)"\} (\d+)', line)):
                    queued, running = (int(m.group(2)), running) if m.group(1) == "queued" else (queued, int(m.group(2)))
        return {"buckets": buckets, "count": count, "sum": total, "finished": finished, "queued": queued, "running": running, "phases": phases, "claims": claims}


def histogram_percentile(before, after, p):
    """Upper bucket bound holding the p-th percentile of observations between two scrapes."""
    bounds = sorted(((float("inf") if k == "+Inf" else float(k)), after["buckets"][k] - before["buckets"].get(k, 0))
                    for k in after["buckets"])
    total = bounds[-1][1] if bounds else 0
    for bound, cumulative in bounds:
        if total and cumulative >= p / 100 * total:
            return bound
    return float("nan")


def cpu_seconds():
    """CPU seconds (user + system, with reaped children such as git) of the servers, runners and
    PostgreSQL processes on this machine, by kind."""
    tick, out = os.sysconf("SC_CLK_TCK"), {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        first, rest = argv[0].decode(errors="replace"), b" ".join(argv[1:]).decode(errors="replace")
        kind = ("postgres" if first.startswith("postgres") or first.endswith("/postgres")
                else "server" if "rampart.dll" in rest and " server " in f" {rest} "
                else "runner" if "rampart.dll" in rest and " runner " in f" {rest} " else None)
        if kind:
            out[kind] = out.get(kind, 0) + sum(int(x) for x in fields[11:15]) / tick
    return out


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def measure_latency(svc, samples, warmup):
    """Each webhook announces a new commit (pushed just before, outside the timing), so the server
    fetches it into its mirror as it would for a real push. The first `warmup` deliveries after the
    server's start are timed but left out of the percentiles: they pay for JIT compilation."""
    start_load = load()
    cold = [one_latency(svc, svc.apis[i % len(svc.apis)])[0] for i in range(warmup)]
    before = svc.metrics()
    cpu = cpu_seconds()
    latencies, runs = [], []
    for i in range(samples):
        latency, run = one_latency(svc, svc.apis[i % len(svc.apis)])
        latencies.append(latency)
        runs.append(run)
    after = svc.metrics()
    time.sleep(0.5)  # the last runs' after-job work
    spent = {k: v - cpu.get(k, 0) for k, v in cpu_seconds().items()}
    n = after["count"] - before["count"]
    print(f"latency: {samples} webhooks one at a time, each for a new commit, {svc.args.latency_gap * 1000:.0f} ms apart,"
          f" after {warmup} warm-up deliveries; load {start_load} -> {load()}")
    print(f"  webhook sent -> runner prints the job:  p50 {percentile(latencies, 50):.0f} ms  p99 {percentile(latencies, 99):.0f} ms"
          f"  max {max(latencies):.0f} ms")
    print("  CPU per run (with git and sandbox child processes): " + ", ".join(f"{k} {v / samples * 1000:.0f} ms" for k, v in sorted(spent.items())))
    claims = {k: v - before["claims"].get(k, 0) for k, v in after["claims"].items()}
    if claims:
        print(f"  runners' claims: {claims.get('claimed', 0)} got a job, {claims.get('none', 0)} found none"
              f" ({claims.get('none', 0) / samples:.1f} empty claims per job)")
    if cold:
        print(f"  warm-up (server just started): first delivery {cold[0]:.0f} ms, the {len(cold)} warm-up deliveries p50 {percentile(cold, 50):.0f} ms")
    if n:
        print(f"  server histogram, job queued -> claimed ({n} jobs): mean {(after['sum'] - before['sum']) / n * 1000:.1f} ms,"
              f" p50 <= {histogram_percentile(before, after, 50) * 1000:g} ms, p99 <= {histogram_percentile(before, after, 99) * 1000:g} ms")
    for phase in ["fetch", "pipeline", "stages", "total"]:
        b, a = before["phases"].get(phase), after["phases"].get(phase)
        if a and a["count"] > (b["count"] if b else 0):
            b = b or {"buckets": {}, "sum": 0.0, "count": 0}
            k = a["count"] - b["count"]
            print(f"  server, run preparation phase {phase:8} ({k} runs): mean {(a['sum'] - b['sum']) / k * 1000:.1f} ms,"
                  f" p50 <= {histogram_percentile(b, a, 50) * 1000:g} ms, p99 <= {histogram_percentile(b, a, 99) * 1000:g} ms")
    split = svc.split(runs)
    if split:
        for name, values in split.items():
            print(f"  {name}: p50 {percentile(values, 50):.0f} ms  p99 {percentile(values, 99):.0f} ms")
    return latencies


def one_latency(svc, api):
    """Pushes a commit, sends its webhook, and waits until a runner prints the job: (ms, run id)."""
    commit = svc.push_commit()
    t_sent = time.monotonic()
    status, answer = svc.post_webhook(api, commit=commit)
    if status != 202:
        raise SystemExit(f"latency webhook: {status} {answer}")
    run = answer["runs"][0]
    with HANDOUT_SEEN:
        if not HANDOUT_SEEN.wait_for(lambda: run in FIRST_HANDOUT, timeout=60):
            raise SystemExit(f"run {run}: no runner took its job within 60 s")
        latency = (FIRST_HANDOUT[run] - t_sent) * 1000
    time.sleep(svc.args.latency_gap)
    return latency, run


def measure_throughput(svc, runs):
    wait_idle(svc)
    start_load = load()
    before = svc.metrics()
    t0 = time.monotonic()
    run_ids, samples, stop = [], [], threading.Event()

    def sample():
        while not stop.is_set():
            m = svc.metrics()
            samples.append((time.monotonic() - t0, m["queued"], m["running"], m["finished"] - before["finished"]))
            stop.wait(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    with ThreadPoolExecutor(svc.args.clients) as pool:
        for status, answer in pool.map(lambda i: svc.post_webhook(svc.apis[i % len(svc.apis)]), range(runs)):
            if status != 202:
                raise SystemExit(f"throughput webhook: {status} {answer}")
            run_ids.extend(answer["runs"])
    t_accepted = time.monotonic() - t0
    deadline = time.monotonic() + svc.args.timeout
    while svc.metrics()["finished"] - before["finished"] < runs:
        if time.monotonic() > deadline:
            break
        time.sleep(0.2)
    elapsed = time.monotonic() - t0
    stop.set()
    sampler.join()
    after = svc.metrics()

    # Every run finished and succeeded; every job handed out once.
    statuses = {}
    with ThreadPoolExecutor(svc.args.clients) as pool:
        for rid, status in pool.map(lambda r: (r, svc.apis[0].json("GET", f"/api/v1/runs/{r}")["run"]["status"]), run_ids):
            statuses[status] = statuses.get(status, 0) + 1
    wanted = set(run_ids)
    handed = [h for h in svc.handouts() if h[0] in wanted]
    keys = [(h[0], h[1]) for h in handed]
    duplicates = len(keys) - len(set(keys))
    lost = len(set(run_ids) - {k[0] for k in keys})
    retries = sum(1 for h in handed if h[2] > 1)
    per_runner = {r.name: sum(1 for h in handed if h[4] == r.name) for r in svc.runners}
    busy = svc.busy_seconds(t0 - 0.001)
    job_seconds = busy / len(handed) if handed else float("nan")
    capacity = len(svc.runners) * 60 / job_seconds if handed else float("nan")
    rate = len(handed) / elapsed * 60
    busy_share = busy / (len(svc.runners) * elapsed)
    queued_share = sum(1 for s in samples if s[1] > 0) / max(1, len(samples))
    n = after["count"] - before["count"]
    print(f"throughput: {runs} runs of one trivial job, {svc.args.clients} webhook clients; load {start_load} -> {load()}")
    print(f"  all {runs} deliveries accepted in {t_accepted:.1f} s ({runs / t_accepted:.0f}/s); last run finished at {elapsed:.1f} s")
    print(f"  {rate:.0f} jobs/min ({len(handed) / elapsed:.1f} jobs/s); run statuses {statuses}")
    print(f"  hand-outs {len(handed)}, duplicated {duplicates}, runs never handed out {lost}, retried {retries}; per runner {per_runner}")
    print(f"  runner time per job (hand-out -> finished line): {job_seconds * 1000:.0f} ms;"
          f" runner capacity {capacity:.0f} jobs/min; runners busy {busy_share * 100:.0f}% of the wall time")
    print(f"  measured / runner capacity = {rate / capacity:.2f}; queue non-empty in {queued_share * 100:.0f}% of samples"
          f" (max queued {max((s[1] for s in samples), default=0)})")
    if n:
        print(f"  server histogram, queued -> claimed, including queue wait ({n} jobs): mean {(after['sum'] - before['sum']) / n * 1000:.1f} ms,"
              f" p50 <= {histogram_percentile(before, after, 50) * 1000:g} ms, p99 <= {histogram_percentile(before, after, 99) * 1000:g} ms")
    rows = svc.timeline(run_ids)
    if rows:
        first, last_queued = min(r[0] for r in rows), max(r[1] for r in rows)
        served = len(rows) / (last_queued - first) * 60
        print(f"  server-side: {served:.0f} jobs/min made ready (first run recorded -> last job queued, {last_queued - first:.1f} s);"
              f" server-side / runner capacity = {served / capacity:.2f}")
    verdict = "the runners (jobs wait in the queue for a free runner)" if queued_share > 0.5 else \
        "the server (runners wait for the server to queue jobs)"
    print(f"  limited by: {verdict}")
    ok = statuses.get("succeeded", 0) == runs and duplicates == 0 and lost == 0
    print(f"  check: {'every run succeeded, no job lost or handed out twice' if ok else 'FAILED'}")
    return ok


def wait_idle(svc, timeout=600):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        m = svc.metrics()
        if m["queued"] == 0 and m["running"] == 0 and m["finished"] >= svc.started:
            return
        time.sleep(0.2)


def measure_intake(svc, deliveries):
    start_load = load()
    counts = {}
    t0 = time.monotonic()
    with ThreadPoolExecutor(svc.args.clients) as pool:
        for status, answer in pool.map(lambda i: svc.post_webhook(svc.apis[i % len(svc.apis)], deleted=True), range(deliveries)):
            counts[(status, answer["result"])] = counts.get((status, answer["result"]), 0) + 1
    elapsed = time.monotonic() - t0
    print(f"intake: {deliveries} signed push deliveries for a deleted branch, {svc.args.clients} clients; load {start_load} -> {load()}")
    print(f"  {deliveries / elapsed:.0f} deliveries/s ({elapsed:.1f} s); answers {counts}")
    return counts.get((200, "ignored"), 0) == deliveries


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--rampart", required=True, help="command that runs rampart, e.g. 'dotnet /x/rampart.dll'")
    p.add_argument("--work", required=True)
    p.add_argument("--database", default="sqlite")
    p.add_argument("--replicas", type=int, default=1)
    p.add_argument("--runners", type=int, default=4)
    p.add_argument("--latency", type=int, default=200)
    p.add_argument("--latency-gap", type=float, default=0.05)
    p.add_argument("--warmup", type=int, default=100, help="deliveries after start timed apart: the JIT tiers the hot paths up meanwhile")
    p.add_argument("--runs", type=int, default=2000)
    p.add_argument("--intake", type=int, default=2000)
    p.add_argument("--clients", type=int, default=8)
    p.add_argument("--timeout", type=float, default=3600)
    p.add_argument("--unsafe-no-sandbox", action="store_true")
    p.add_argument("--idle-runners", type=int, default=0, help="extra registered runners that only wait (no job fits them)")
    args = p.parse_args()
    svc = Service(args)
    ok = True
    try:
        svc.start()
        print(f"== {args.replicas} replica(s) on {args.database.split(':')[0]}, {args.runners} runners"
              f"{f' (+{args.idle_runners} idle)' if args.idle_runners else ''}"
              f"{' without sandbox' if args.unsafe_no_sandbox else ' (bubblewrap sandbox)'}; load {load()}")
        if args.latency:
            measure_latency(svc, args.latency, args.warmup)
        if args.runs:
            ok &= measure_throughput(svc, args.runs)
        if args.intake:
            ok &= measure_intake(svc, args.intake)
    finally:
        svc.stop()
    # Replicas append to one ledger (in PostgreSQL, or the state folder's file) at once: it must still verify.
    where = [] if args.database == "sqlite" else ["--database", args.database]
    verified = subprocess.run(svc.rampart("--home", svc.state, "ledger", "verify", *where), env=svc.env, capture_output=True, text=True)
    print(f"ledger verify: exit {verified.returncode}: {(verified.stdout + verified.stderr).strip().splitlines()[-1:]}")
    ok &= verified.returncode == 0
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
