"""Text stage: normalisation for matching (with offset maps) and segmentation."""

from tahqiq.text.normalize import Normalized, light, normalize, norm
from tahqiq.text.segment import sentences, tokens

__all__ = ["Normalized", "light", "normalize", "norm", "sentences", "tokens"]
