#!/usr/bin/env python3
"""Generate a git repository with COMMITS commits (default 10000) through git fast-import: each commit
edits one to four files of a few hundred source-like lines (adding and changing lines), a few
commits leak a fake secret that a later commit removes. usage: gen_history.py OUT_DIR [COMMITS]"""
import os, random, subprocess, sys, zlib, string

out = sys.argv[1]
commits = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
rng = random.Random(7)
alnum = string.ascii_letters + string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
words = "order user cart price item token session client config secret password key name count total cache request handler service account".split()

def line():
    w = lambda: rng.choice(words)
    return rng.choice([
        f"    {w()}_{w()} = self.{w()}.get('{w()}')", f"def {w()}_{w()}({w()}, {w()}=None):",
        f"        return [{w()} for {w()} in {w()}s if {w()}]", f"    logger.info('%s {w()}', {w()})", "",
        f"    # {' '.join(w() for _ in range(8))}",
    ])

def gh():
    body = "".join(rng.choice(alnum) for _ in range(30))
    crc, digits = zlib.crc32(body.encode()), ""
    for _ in range(6):
        digits = B62[crc % 62] + digits
        crc //= 62
    return "ghp_" + body + digits

os.makedirs(out, exist_ok=True)
subprocess.run(["git", "init", "-q", "-b", "main", out], check=True)
files = {f"src/pkg{i % 20}/mod{i}.py": [line() for _ in range(rng.randint(50, 400))] for i in range(300)}
proc = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=out, stdin=subprocess.PIPE)
w = proc.stdin.write
leaks = 0
for c in range(commits):
    changed = rng.sample(sorted(files), rng.randint(1, 4))
    for path in changed:
        body = files[path]
        for _ in range(rng.randint(3, 30)):
            body.insert(rng.randrange(len(body) + 1), line())
        for _ in range(rng.randint(0, 10)):
            body[rng.randrange(len(body))] = line()
        if c % 997 == 13:
            body.insert(rng.randrange(len(body)), f"GITHUB_TOKEN = '{gh()}'")
            leaks += 1
        if len(body) > 1500:
            del body[:300]
    msg = f"change {c}\n".encode()
    w(b"commit refs/heads/main\n")
    w(f"committer Dev {c} <dev{c % 17}@example.test> {1600000000 + c * 600} +0000\n".encode())
    w(f"data {len(msg)}\n".encode() + msg)
    for path in (sorted(files) if c == 0 else changed):
        data = ("\n".join(files[path]) + "\n").encode()
        w(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
proc.stdin.close()
if proc.wait() != 0:
    sys.exit("git fast-import failed")
subprocess.run(["git", "-C", out, "checkout", "-q", "main"], check=True)
print(f"{out}: {commits} commits, {leaks} leaked tokens")
