#!/usr/bin/env bash
# Files per second of `rampart scan config` over a generated tree of 10,000 configuration files:
# a third GitHub workflows, a third Kubernetes manifests, a third Terraform (10 .tf per module).
# Usage: bench/misconfig.sh [FILES] [RUNS]   (default 10000 files, 3 runs; tree under /tmp)
set -euo pipefail
files=${1:-10000}
runs=${2:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
tree=/tmp/rampart-misconfig-bench
out=/tmp/rampart-misconfig-bench-bin

dotnet build -c Release -o "$out" "$repo/src/Rampart.Cli" >/dev/null
rm -rf "$tree"
mkdir -p "$tree/.github/workflows" "$tree/k8s"
per=$((files / 3))

for ((i = 0; i < per; i++)); do
  cat > "$tree/.github/workflows/wf-$i.yml" <<YAML
name: wf-$i
on:
  pull_request_target:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  build-$i:
    runs-on: ubuntu-latest
    env:
      TOKEN: \${{ secrets.TOKEN_$i }}
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
      - uses: actions/setup-node@1e60f620b9541d16bece96c5465dc8ee9832be0b
        with:
          node-version: 20
      - name: greet
        run: |
          echo "PR \${{ github.event.pull_request.title }}"
          npm ci && npm test -- --shard=$((i % 7))
      - uses: actions/upload-artifact@v4
        with:
          path: dist/
YAML
done

for ((i = 0; i < per; i++)); do
  cat > "$tree/k8s/app-$i.yaml" <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-$i
  namespace: team-$((i % 50))
spec:
  replicas: 2
  selector:
    matchLabels: {app: app-$i}
  template:
    metadata:
      labels: {app: app-$i}
    spec:
      containers:
        - name: app
          image: registry.example/app-$i:1.$((i % 10)).0
          ports:
            - containerPort: 8080
          securityContext:
            allowPrivilegeEscalation: false
            runAsNonRoot: true
          resources:
            requests: {cpu: 100m, memory: 128Mi}
---
apiVersion: v1
kind: Service
metadata:
  name: app-$i
  namespace: team-$((i % 50))
spec:
  selector: {app: app-$i}
  ports:
    - port: 80
      targetPort: 8080
YAML
done

tf=$((files - 2 * per))
for ((i = 0; i < tf; i++)); do
  module="$tree/infra/module-$((i / 10))"
  mkdir -p "$module"
  cat > "$module/res-$i.tf" <<HCL
variable "name_$i" {
  type    = string
  default = "acme-$i"
}

locals {
  tags_$i = { team = "core", index = "$i" }
}

resource "aws_s3_bucket" "b_$i" {
  bucket = "\${var.name_$i}-data"
  tags   = local.tags_$i
}

resource "aws_security_group" "sg_$i" {
  name = "sg-$i"
  ingress {
    from_port   = $((i % 2 == 0 ? 22 : 443))
    to_port     = $((i % 2 == 0 ? 22 : 443))
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_iam_policy" "p_$i" {
  name = "p-$i"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::acme-$i/*" }]
  })
}
HCL
done

count=$(find "$tree" -type f | wc -l)
echo "tree: $count files under $tree ($per workflows, $per manifests, $tf .tf files in $(( (tf + 9) / 10 )) modules)"
best=""
for ((r = 1; r <= runs; r++)); do
  /usr/bin/time -f "%e %U %S" -o /tmp/rampart-misconfig-bench.time \
    dotnet "$out/rampart.dll" scan config "$tree" --format json --fail-on never > /tmp/rampart-misconfig-bench.json 2>/tmp/rampart-misconfig-bench.err
  read -r wall user sys < /tmp/rampart-misconfig-bench.time
  cpu=$(echo "$user + $sys" | bc -l)
  printf 'run %d: %.2f s wall (%.0f files/s), %.2f s CPU (%.0f files per CPU-second); %s\n' \
    "$r" "$wall" "$(echo "$count / $wall" | bc -l)" "$cpu" "$(echo "$count / $cpu" | bc -l)" "$(cat /tmp/rampart-misconfig-bench.err)"
  if [[ -z "$best" ]] || (( $(echo "$wall < $best" | bc -l) )); then best=$wall; fi
done
printf 'best: %.2f s wall for %d files = %.0f files/s (process start included; %d cores; load average %s)\n' \
  "$best" "$count" "$(echo "$count / $best" | bc -l)" "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)"
