"""Copy the README's pictures from a run of tests/browser/test_screenshots.py into
docs/screenshots/: cropped to the first screens (the tests save whole pages) and
reduced to a 256-colour palette, so each stays under ~250 KB.

    python .ci/readme_screenshots.py var/screenshots   (what `make screenshots` runs)
"""

import sys
from pathlib import Path

from PIL import Image

# name → height kept, in CSS pixels (the screenshots are taken at scale 1)
CHOSEN = {
    "home-390-vi": 1500,
    "listing-390-vi": 1500,
    "checkout-pickup-390-vi": 1500,
    "stock-390-vi": 1500,
    "product-1366-en": 1000,
    "craft-village-1366-vi": 1000,
}
LIMIT = 250 * 1024
TARGET = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def main(source: Path) -> None:
    TARGET.mkdir(parents=True, exist_ok=True)
    for name, height in CHOSEN.items():
        with Image.open(source / f"{name}.png") as shot:
            picture = shot.convert("RGB").crop((0, 0, shot.width, min(height, shot.height)))
        picture = picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=0)
        path = TARGET / f"{name}.png"
        picture.save(path, optimize=True)
        size = path.stat().st_size
        print(f"{path.relative_to(TARGET.parent.parent)}: {picture.size}, {size // 1024} KB")
        if size > LIMIT:
            sys.exit(f"{path} is over {LIMIT // 1024} KB: keep a shorter crop")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "var/screenshots"))
