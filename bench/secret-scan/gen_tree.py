#!/usr/bin/env python3
"""Generate a source-like tree for secret-scan benchmarks: many files in several languages,
realistic identifiers (including the words token/secret/password/key that prefilters see all
the time) and a handful of planted fake secrets. Deterministic for a given seed.

usage: gen_tree.py OUT_DIR SIZE_MB [SEED]"""
import os, random, string, sys, zlib

out, size_mb = sys.argv[1], int(sys.argv[2])
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
alnum = string.ascii_letters + string.digits
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase

COMMON = ["order", "user", "cart", "price", "item", "session", "client", "config", "name", "count", "total", "cache",
          "request", "response", "handler", "service", "account", "payment", "invoice", "header", "value", "result",
          "error", "index", "buffer", "stream", "reader", "writer", "parser", "node", "tree", "list", "map", "entry"]
# Credential words appear in real code too (auth modules, config), about one identifier in fifty here.
RARE = ["token", "secret", "password", "key", "auth"]

def word():
    return rng.choice(RARE) if rng.random() < 0.02 else rng.choice(COMMON)

def ident():
    return word() + word().capitalize() + rng.choice(["", "Id", "Name", "Count", "List", "Map"])

def gh_token():
    body = "".join(rng.choice(alnum) for _ in range(30))
    crc = zlib.crc32(body.encode())
    digits = ""
    for _ in range(6):
        digits = B62[crc % 62] + digits
        crc //= 62
    return "ghp_" + body + digits

SECRETS = [
    lambda: 'GITHUB_TOKEN = "%s"' % gh_token(),
    lambda: 'aws_access_key_id = AKIA' + "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") for _ in range(16)),
    lambda: 'stripe_key = "sk_live_%s"' % "".join(rng.choice(alnum) for _ in range(24)),
    lambda: 'SLACK = "xoxb-%d-%d-%s"' % (rng.randint(10**11, 10**12), rng.randint(10**12, 10**13), "".join(rng.choice(alnum) for _ in range(24))),
]

def cs_line():
    return rng.choice([
        f"        var {ident()} = await _{ident()}.GetAsync({ident()}, cancellationToken);",
        f"        if ({ident()} is null) throw new ArgumentNullException(nameof({ident()}));",
        f"    public string {ident().capitalize()} {{ get; init; }} = \"{word()}-{word()}\";",
        f"        _logger.LogInformation(\"{word()} {word()} {{Id}}\", {ident()}.Id);",
        f"        return {ident()}.Select(x => x.{ident().capitalize()}).ToList();",
        "    }", "", "        // " + " ".join(word() for _ in range(8)),
    ])

def py_line():
    return rng.choice([
        f"    {ident()} = self.{ident()}.get('{word()}', None)",
        f"def {word()}_{word()}({word()}, {word()}=None):",
        f"    return [{word()} for {word()} in {ident()} if {word()}]",
        f"    token = request.headers.get('X-{word().capitalize()}-Token')",
        f"    logger.info('%s {word()} %s', {word()}, {word()})", "", "    # " + " ".join(word() for _ in range(7)),
    ])

def js_line():
    return rng.choice([
        f"  const {ident()} = await fetch(`${{apiBase}}/{word()}/${{{ident()}}}`);",
        f"  if (!{ident()}.ok) throw new Error('{word()} {word()} failed');",
        f"  export function {ident()}({word()}, {word()}) {{ return {word()} ?? {word()}; }}",
        f"  headers: {{ Authorization: `Bearer ${{{ident()}}}` }},", "});", "  // " + " ".join(word() for _ in range(6)),
    ])

def yaml_line():
    return rng.choice([
        f"  {rng.choice(COMMON)}: {word()}-{rng.randint(1, 999)}", f"    - name: {word().upper()}_{word().upper()}",
        f"      valueFrom: {{ secretKeyRef: {{ name: {word()}, key: {word()} }} }}", f"  replicas: {rng.randint(1, 9)}",
        f"  image: registry.example/{word()}/{word()}:{rng.randint(1, 30)}.{rng.randint(0, 9)}",
    ])

def json_line():
    return rng.choice([
        f'  "{ident()}": "{word()} {word()}",', f'  "{ident()}": {rng.randint(0, 100000)},',
        f'  "{ident()}": {{ "{word()}": true, "{word()}": null }},', f'  "{word()}Id": "{rng.getrandbits(128):032x}",',
    ])

def md_line():
    return " ".join(word() for _ in range(rng.randint(6, 16))) + rng.choice([".", ":", "", " `" + ident() + "`."])

KINDS = [(".cs", cs_line), (".py", py_line), (".js", js_line), (".yaml", yaml_line), (".json", json_line), (".md", md_line), (".go", cs_line)]

target = size_mb * 1_000_000
written, n, planted = 0, 0, 0
os.makedirs(out, exist_ok=True)
while written < target:
    ext, line = KINDS[n % len(KINDS)]
    folder = os.path.join(out, f"pkg{n % 97:02d}", f"mod{(n // 97) % 53:02d}")
    os.makedirs(folder, exist_ok=True)
    lines = [line() for _ in range(rng.randint(40, 1600))]
    if n % 1997 == 5:
        lines.insert(rng.randrange(len(lines)), SECRETS[planted % len(SECRETS)]())
        planted += 1
    text = "\n".join(lines) + "\n"
    with open(os.path.join(folder, f"{ident()}_{n}{ext}"), "w") as f:
        f.write(text)
    written += len(text)
    n += 1
print(f"{out}: {n} files, {written / 1e6:.0f} MB, {planted} planted secrets")
