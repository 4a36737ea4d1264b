#!/usr/bin/env python3
"""Reference numbers for the anatomix_metrics cross-check, computed now by the Python implementations the
paper uses: rouge-score (ROUGE-L), NLTK (Porter stemmer, METEOR), pycocoevalcap (BLEU), scikit-learn (F1,
AUROC), torchmetrics (IoU, mAP with the pycocotools backend).

Inputs are drawn from a fixed seed; inputs and outputs go to one JSON file (--out) that
reference_crosscheck_test.cpp reads. Nothing here is stored in the repository.

NLTK's METEOR is called with a WordNet stand-in that knows no synonym: the C++ METEOR implements the exact and
stem stages only (meteor.h), and NLTK's WordNet data is not installed here.
"""
import argparse
import json
import random
import sys
import warnings


def fail(message):
    print(f"reference_metrics.py: {message}", file=sys.stderr)
    sys.exit(2)


try:
    import numpy as np
    import torch
    from nltk.stem.porter import PorterStemmer
    from nltk.translate.meteor_score import meteor_score
    from pycocoevalcap.bleu.bleu_scorer import BleuScorer
    from rouge_score import rouge_scorer
    from sklearn.metrics import f1_score, roc_auc_score
    from torchmetrics.detection import MeanAveragePrecision
    from torchmetrics.functional.detection import intersection_over_union
except ImportError as error:
    fail(f"a reference package is missing ({error}); install packaging/requirements-tools.txt into the venv")

warnings.filterwarnings("ignore")

VOCABULARY = (
    "the heart is enlarged mildly moderately severely there small large left right bilateral pleural effusion "
    "effusions pneumothorax pneumothoraces consolidation consolidations consolidative atelectasis atelectatic "
    "opacity opacities opacification opacified edema pulmonary vascular congestion cardiomegaly cardiac "
    "silhouette mediastinum mediastinal widened widening nodule nodules nodular mass masses lesion lesions "
    "fracture fractures fractured rib ribs tube tubes line lines catheter catheters pacemaker leads wires "
    "no not without with and or of in at lower upper lobe lobes base bases basilar apical lung lungs zone "
    "zones seen noted present unchanged stable improved improving worsening worsened increased decreasing "
    "resolved resolving resolution possible possibly likely probable suggesting suggestive concerning "
    "evaluation evaluated relational conditional generalization hopefulness sensitivity electrical "
    "replacement adjustment dependent communism activate effective bowdlerize controlling rolling hopping "
    "tanned falling hissing fizzed failing filing conflated troubled sized agreed feed plastered bled motoring "
    "sing skies dying lying tying news innings outings proceed exceed succeed flies dies spied died enjoy "
    "happy sky spy flying tried trying geology theology archaeology analogously analogy radically "
    "fully hopefully formally formality sensibility triplicate formative formalize electricity "
    "goodness revival allowance inference airliner gyroscopic adjustable defensible irritant adoption "
    "homologous angularity probate rate cease controll roll ies ied yyy yay by is was as has this these"
).split()

SUFFIXES = ["", "s", "es", "ed", "ing", "ly", "ness", "ful", "ation", "ational", "ization", "izer", "ize",
            "ise", "ism", "ity", "ities", "ive", "iveness", "ousness", "fulness", "ousli", "alli", "entli",
            "eli", "bli", "logi", "ical", "icate", "ative", "alize", "iciti", "ance", "ence", "er", "ic",
            "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ate", "iti", "ous", "y", "ies",
            "ied", "eed", "ll", "e", "at", "bl", "iz", "ated", "bled", "ized", "ying", "yed"]
STEMS = ["hop", "fil", "fail", "conflat", "troubl", "siz", "agr", "plaster", "motor", "relat", "condit",
         "gener", "sens", "electr", "form", "good", "reviv", "allow", "infer", "airlin", "adjust", "depend",
         "commun", "activ", "effect", "control", "roll", "effus", "opac", "consolid", "atelectas", "nodul",
         "fractur", "catheter", "enlarg", "wid", "pleur", "cardi", "pulmon", "vascul", "congest", "sky", "play",
         "toy", "by", "y", "a", "e", "oa", "ee", "tr", "b", "sy", "fly", "geo", "theo", "archaeo", "analog"]


def word_list(rng):
    words = set(VOCABULARY)
    for stem in STEMS:
        for suffix in SUFFIXES:
            words.add(stem + suffix)
    letters = "aeiouybcdlmnrstwxz"
    for _ in range(1500):
        words.add("".join(rng.choice(letters) for _ in range(rng.randint(1, 12))))
    words.update(["Effusions", "PLEURAL", "Cardiomegaly", "ATELECTASIS", "Yyyyy"])
    return sorted(words)


def perturb(rng, words):
    """A hypothesis sentence made from a reference: dropped, replaced, inflected and swapped words."""
    result = []
    for word in words:
        roll = rng.random()
        if roll < 0.12:
            continue
        if roll < 0.22:
            result.append(rng.choice(VOCABULARY))
        elif roll < 0.32:
            result.append(word + rng.choice(["s", "ed", "ing", "ly"]))
        elif roll < 0.37:
            result.append(word.upper())
        else:
            result.append(word)
    if len(result) > 3 and rng.random() < 0.3:
        i = rng.randrange(len(result) - 1)
        result[i], result[i + 1] = result[i + 1], result[i]
    if rng.random() < 0.2:
        result.append(rng.choice(VOCABULARY))
    return result


def sentence_pairs(rng, count):
    pairs = []
    for _ in range(count):
        reference = [rng.choice(VOCABULARY) for _ in range(rng.randint(1, 18))]
        hypothesis = perturb(rng, reference)
        punctuation = rng.choice(["", ".", ",", " .", "-", "!"])
        pairs.append((" ".join(hypothesis) + punctuation, " ".join(reference) + rng.choice(["", ".", "  "])))
    pairs.append(("", "the heart is enlarged"))
    pairs.append(("the heart is enlarged", "the heart is enlarged"))
    pairs.append(("effusions opacities", "effusion opacity"))
    return pairs


class NoSynonyms:
    """A WordNet stand-in without synonyms: METEOR's third stage then matches nothing."""

    @staticmethod
    def synsets(_word):
        return []


def random_box(rng, size=200):
    x1, y1 = rng.randint(0, size - 10), rng.randint(0, size - 10)
    return [x1, y1, x1 + rng.randint(1, 60), y1 + rng.randint(1, 60)]


def jitter(rng, box, amount):
    return [box[0] + rng.randint(-amount, amount), box[1] + rng.randint(-amount, amount),
            box[2] + rng.randint(-amount, amount), box[3] + rng.randint(-amount, amount)]


def well_formed(box):
    return [min(box[0], box[2] - 1), min(box[1], box[3] - 1), box[2], box[3]]


def map_cases(rng):
    cases = []
    for case_index in range(40):
        n_classes = rng.choice([1, 1, 2, 3])
        scored = case_index % 3 != 0
        images = []
        for _ in range(rng.randint(1, 4)):
            truths = [random_box(rng) + [rng.randrange(n_classes)] for _ in range(rng.randint(0, 4))]
            detections = []
            for truth in truths:
                if rng.random() < 0.8:
                    box = well_formed(jitter(rng, truth[:4], rng.choice([0, 2, 5, 10, 20])))
                    label = truth[4] if rng.random() < 0.85 else rng.randrange(n_classes)
                    detections.append(box + [round(rng.random(), 3) if scored else 1.0, label])
            for _ in range(rng.randint(0, 2)):
                detections.append(random_box(rng) + [round(rng.random(), 3) if scored else 1.0,
                                                     rng.randrange(n_classes)])
            rng.shuffle(detections)
            images.append({"detections": detections, "truths": truths})
        cases.append({"images": images, "class_agnostic": case_index % 5 == 4})

    thresholds = [0.25, 0.5, 0.75, 0.95]
    for case in cases:
        metric = MeanAveragePrecision(iou_type="bbox", iou_thresholds=thresholds)
        predictions, targets = [], []
        for image in case["images"]:
            def label_of(row):
                return 0 if case["class_agnostic"] else int(row[-1])
            predictions.append({
                "boxes": torch.tensor([d[:4] for d in image["detections"]], dtype=torch.float32).reshape(-1, 4),
                "scores": torch.tensor([d[4] for d in image["detections"]], dtype=torch.float32),
                "labels": torch.tensor([label_of(d) for d in image["detections"]], dtype=torch.int64),
            })
            targets.append({
                "boxes": torch.tensor([t[:4] for t in image["truths"]], dtype=torch.float32).reshape(-1, 4),
                "labels": torch.tensor([label_of(t) for t in image["truths"]], dtype=torch.int64),
            })
        metric.update(predictions, targets)
        result = metric.compute()
        case["map"] = float(result["map"])
        case["map_50"] = float(result["map_50"])
        case["map_75"] = float(result["map_75"])
    return cases


def iou_cases(rng):
    cases = []
    for _ in range(40):
        references = [random_box(rng) for _ in range(rng.randint(1, 3))]
        predictions = [well_formed(jitter(rng, rng.choice(references), rng.choice([0, 3, 10, 30])))
                       for _ in range(rng.randint(1, 3))]
        matrix = intersection_over_union(torch.tensor(predictions, dtype=torch.float64),
                                         torch.tensor(references, dtype=torch.float64), aggregate=False)
        cases.append({"predicted": predictions, "reference": references,
                      "iou": float(matrix.max(dim=1).values.mean())})
    return cases


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=20260123)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)

    stemmer = PorterStemmer()
    words = word_list(rng)
    stems = [[word, stemmer.stem(word)] for word in words]

    pairs = sentence_pairs(rng, 150)
    scorer = rouge_scorer.RougeScorer(["rougeL"], use_stemmer=True)
    rouge = []
    for hypothesis, reference in pairs:
        score = scorer.score(reference, hypothesis)["rougeL"]
        rouge.append({"reference": reference, "hypothesis": hypothesis, "precision": score.precision,
                      "recall": score.recall, "fmeasure": score.fmeasure})

    bleu_samples = []
    bleu_scorer = BleuScorer(n=4)
    for index, (hypothesis, reference) in enumerate(pairs):
        references = [reference]
        if index % 4 == 0:  # a few samples with several references, for the "closest" length
            references.append(" ".join(perturb(rng, reference.split())))
        bleu_samples.append({"hypothesis": hypothesis, "references": references})
        bleu_scorer += (hypothesis, references)
    corpus, per_sample = bleu_scorer.compute_score(option="closest")
    bleu = {"samples": bleu_samples, "corpus": corpus,
            "per_sample": [[per_sample[k][i] for k in range(4)] for i in range(len(bleu_samples))]}

    meteor = []
    for hypothesis, reference in pairs:
        score = meteor_score([reference.split()], hypothesis.split(), wordnet=NoSynonyms())
        meteor.append({"reference": reference, "hypothesis": hypothesis, "score": score})

    n_samples, n_labels = 60, 6
    truth = [[int(rng.random() < 0.3 + 0.1 * label) for label in range(n_labels)] for _ in range(n_samples)]
    for row in truth:
        row[5] = 0  # a label with no positive: F1 ill-defined when never predicted, AUROC skipped
    decision = [[int(rng.random() < 0.35) for _ in range(n_labels)] for _ in range(n_samples)]
    for row in decision:
        row[5] = 0
    scores = [[round(rng.random(), 2) for _ in range(n_labels)] for _ in range(n_samples)]  # 2 decimals: ties
    truth_array, decision_array = np.array(truth), np.array(decision)
    f1 = {"truth": truth, "decision": decision,
          "per_label": f1_score(truth_array, decision_array, average=None, zero_division=0).tolist(),
          "macro": float(f1_score(truth_array, decision_array, average="macro", zero_division=0)),
          "micro": float(f1_score(truth_array, decision_array, average="micro", zero_division=0))}
    per_label_auroc = []
    for label in range(n_labels):
        column = truth_array[:, label]
        if column.min() == column.max():
            per_label_auroc.append(None)
        else:
            per_label_auroc.append(float(roc_auc_score(column, np.array(scores)[:, label])))
    valid = [value for value in per_label_auroc if value is not None]
    auroc = {"truth": truth, "scores": scores, "per_label": per_label_auroc, "macro": sum(valid) / len(valid)}

    # torchmetrics' own recall points (float32 torch.linspace), for a bit-exact mAP comparison.
    recall_points = torch.linspace(0.0, 1.00, round(1.00 / 0.01) + 1).tolist()
    output = {"recall_points": recall_points, "stems": stems, "rouge": rouge, "bleu": bleu, "meteor": meteor, "f1": f1, "auroc": auroc,
              "map": map_cases(rng), "iou": iou_cases(rng)}
    with open(arguments.out, "w", encoding="utf-8") as file:
        json.dump(output, file)
    print(f"reference_metrics.py: wrote {len(stems)} stems, {len(rouge)} sentence pairs, "
          f"{len(output['map'])} mAP cases, {len(output['iou'])} IoU cases to {arguments.out}")


if __name__ == "__main__":
    main()
