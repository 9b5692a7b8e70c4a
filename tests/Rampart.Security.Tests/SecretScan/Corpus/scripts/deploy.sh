#!/usr/bin/env bash
set -euo pipefail

export AWS_ACCESS_KEY_ID="[[S:aws-access-key-id]]AKIA{{z:16}}[[/S]]"
export AWS_SECRET_ACCESS_KEY="[[S:aws-secret-access-key]]{{b:40}}[[/S]]"
export AWS_DEFAULT_REGION=eu-west-1

TOKEN="$(vault kv get -field=token secret/deploy)"
curl -fsS -H "Authorization: Bearer ${TOKEN}" https://deploy.example/api/v1/releases
curl -fsS -H "Authorization: Bearer [[S:authorization-header]]{{A:48}}[[/S]]" https://status.example/api/v1/ping
echo "deploying $(git rev-parse HEAD)"
