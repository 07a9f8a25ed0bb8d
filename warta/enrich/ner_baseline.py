"""The dictionary-lookup NER peer that evaluations and benchmarks measure the CRF against.

Longest match of entity strings seen in training data, each with its most frequent label.
Kept in the package (not in one script) so the evaluation and the benchmark measure the
same peer.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from .ner import bio_spans

__all__ = ["DictionaryTagger"]


class DictionaryTagger:
    """Tags token sequences by longest match against a lexicon built from BIO-tagged data."""

    def __init__(self, train: Iterable[tuple[Sequence[str], Sequence[str]]]) -> None:
        seen: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
        for tokens, tags in train:
            for start, end, label in bio_spans(list(tags)):
                seen[tuple(tokens[start:end])][label] += 1
        self.lexicon = {key: counts.most_common(1)[0][0] for key, counts in seen.items()}
        self.longest = max((len(key) for key in self.lexicon), default=1)

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags for one sentence."""
        tags = ["O"] * len(tokens)
        i = 0
        while i < len(tokens):
            for n in range(min(self.longest, len(tokens) - i), 0, -1):
                label = self.lexicon.get(tuple(tokens[i : i + n]))
                if label:
                    tags[i : i + n] = [f"B-{label}"] + [f"I-{label}"] * (n - 1)
                    i += n
                    break
            else:
                i += 1
        return tags

    def tag_sents(self, sentences: Iterable[Sequence[str]]) -> list[list[str]]:
        """BIO tags for many sentences."""
        return [self.tag(tokens) for tokens in sentences]
