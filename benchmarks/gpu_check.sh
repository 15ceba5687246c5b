#!/usr/bin/env bash
# One JSON line of speed figures on one GPU, offline, in under 5 minutes including building the models:
# the sentence bench (naive transformers, the project's transformers and CTranslate2 backends, a hand-written
# CTranslate2 translate_batch) and end-to-end articles/s (glue script vs `summarizer batch` at two batch sizes;
# on GPU `--backend auto` converts to CTranslate2 float16).
#
#   benchmarks/gpu_check.sh [--device cuda|cpu] [--articles N] [--work-dir DIR] [--quick]
#
# --device cpu checks the script without a GPU; it implies --quick (tiny checkpoints: not a speed figure).
# Needs the shared data folder ($SUMMARIZER_DATA or ../shared/data) for the sentences, the articles and the
# bart-large-cnn config. Progress goes to stderr; stdout is the JSON line only.
set -euo pipefail

device=cuda
articles=8
work_dir=""
quick=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --device) device="$2"; shift 2 ;;
    --articles) articles="$2"; shift 2 ;;
    --work-dir) work_dir="$2"; shift 2 ;;
    --quick) quick="--quick"; shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "error: unknown option $1" >&2; exit 2 ;;
  esac
done
[[ "$device" == cpu ]] && quick="--quick"

export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 HF_HUB_DISABLE_TELEMETRY=1
work_dir="${work_dir:-$(mktemp -d "${TMPDIR:-/tmp}/gpu_check.XXXXXX")}"
export SUMMARIZER_CACHE="${SUMMARIZER_CACHE:-$work_dir/cache}"
python="${PYTHON:-python}"

"$python" -m summarizer bench --json $quick --device "$device" --sentences 64 --new-tokens 24 \
  --end-to-end --articles "$articles" --batch-sizes 8,32 --work-dir "$work_dir" | tail -n 1
