"""Text stage: normalisation for matching (with offset maps) and segmentation."""

from tahqiq.text.normalize import Normalized, normalize, norm
from tahqiq.text.segment import sentences, tokens

__all__ = ["Normalized", "normalize", "norm", "sentences", "tokens"]
