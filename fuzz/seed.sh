#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from the shared corpora of real files (and the project's own
# fixtures). The corpus directories are not committed; run this once before fuzzing.
#   fuzz/seed.sh [SHARED]      (SHARED defaults to ../shared beside the checkout)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
shared=${1:-$(dirname "$repo")/shared}
corpus=$here/corpus
# Small files only: the fuzzers mutate better, and libfuzzer's -max_len stays low.
max=65536
per_target=2000

files() { # DIR... -- find arguments: the kinds of file wanted, small, in a stable order
    local dirs=() ; while [ "$1" != "--" ]; do dirs+=("$1"); shift; done; shift
    find "${dirs[@]}" -type f \( "$@" \) -size -${max}c 2>/dev/null | LC_ALL=C sort | head -n $per_target
}

# seed TARGET PREFIX: every file on stdin, with PREFIX (printf escapes) before its text.
seed() {
    local target=$1 prefix=$2 n=0 tag
    tag=$(printf "$prefix" | od -An -tx1 | tr -d ' \n')
    mkdir -p "$corpus/$target"
    while IFS= read -r f; do
        n=$((n + 1))
        { printf "$prefix"; cat "$f"; } > "$corpus/$target/seed-$tag$(printf %05d $n)-$(basename "$f" | tr -c 'A-Za-z0-9._-' _)"
    done
    echo "$target: $n seeds${prefix:+ (with prefix $prefix)}"
}

sources=("$shared/corpus" "$shared/parse-corpus" "$repo/tests")

# hcl: the first byte is the mode (0 .tf, 1 .tf.json, 2 terraform.tfvars, 3 .tfvars.json).
files "${sources[@]}" -- -name '*.tf' | seed hcl '\0'
files "${sources[@]}" -- -name '*.tf.json' | seed hcl '\1'
files "${sources[@]}" -- -name '*.tfvars' | seed hcl '\2'
files "${sources[@]}" -- -name '*.tfvars.json' | seed hcl '\3'

# ARM templates and parameter files; plans (`terraform show -json`).
files "${sources[@]}" -- -name '*.json' | while IFS= read -r f; do
    if grep -q 'deploymentTemplate.json' "$f"; then echo "$f"; fi
done | seed arm_json ''
files "${sources[@]}" -- -name '*.json' | while IFS= read -r f; do
    if grep -q '"format_version"' "$f"; then echo "$f"; fi
done | seed plan_json ''

# ARM expressions: the `[...]` strings of those templates, one per seed.
mkdir -p "$corpus/arm_expr"
cat "$corpus"/arm_json/* 2>/dev/null | grep -o '"\[[^"]*\]"' | sed 's/^"//; s/"$//' | LC_ALL=C sort -u | head -n $per_target |
    split -l 1 -a 5 - "$corpus/arm_expr/seed-"
for f in "$corpus"/arm_expr/seed-*; do printf %s "$(cat "$f")" > "$f"; done
echo "arm_expr: $(ls "$corpus/arm_expr" | wc -l) seeds"

files "${sources[@]}" -- -name '*.bicep' | seed bicep ''
files "${sources[@]}" -- -name '*.bicepparam' | seed bicepparam ''

# Configuration and baselines: the shapes the documentation shows.
mkdir -p "$corpus/config" "$corpus/baseline"
cat > "$corpus/config/seed-full.yaml" <<'YAML'
include: ["infra/**", "*.tf"]
exclude: [legacy/, "**/*.test.json"]
respect-gitignore: false
select: [AZKV]
ignore: [AZKV002]
severity:
  AZKV001: critical
fail-on: high
fail-on-unknown: true
inline-ignores: true
baseline: .vigil-baseline.json
terraform:
  var-files: [env/prod.tfvars]
  vars:
    env: prod
    count: 3
    tags: {a: b}
arm:
  parameters:
    "templates/*.json": params/prod.json
ignores:
  - rule: AZKV001
    path: "legacy/**"
    resource: "azurerm_key_vault.*"
    reason: legacy vault, replaced in Q3
    expires: 2027-01-31
YAML
printf 'select:\n' > "$corpus/config/seed-empty-select.yaml"
printf 'ignores:\n  - rule: AZKV001\n    reason: "  "\n' > "$corpus/config/seed-no-reason.yaml"
printf '\0{\n  "version": 1,\n  "fingerprint": "vigil/v1",\n  "findings": [\n    {"file": "main.tf", "rule": "AZKV001", "resource": "azurerm_key_vault.kv", "property": "properties.networkAcls.bypass", "fingerprint": "0123456789abcdef"}\n  ]\n}\n' > "$corpus/baseline/seed-one"
echo "config: 3 seeds, baseline: 1 seed"
