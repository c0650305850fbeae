"""Draws Introspor's icon: a calm blue rounded square with a white path mark
(a trail of three steps), and writes every size the bundles need.

Run with `python3 assets/icons/make_icons.py` after changing the design;
the generated files are committed so builds need no Python.
"""
from pathlib import Path
from PIL import Image, ImageDraw

HERE = Path(__file__).parent
BLUE = (22, 78, 140, 255)
WHITE = (255, 255, 255, 255)


def draw(size: int) -> Image.Image:
    scale = 4  # draw large and shrink for smooth edges
    s = size * scale
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([0, 0, s - 1, s - 1], radius=s // 6, fill=BLUE)
    # Three ascending steps: progress through the programme.
    w = s // 6
    for i, (x, h) in enumerate([(0.22, 0.22), (0.42, 0.38), (0.62, 0.56)]):
        x0 = int(s * x)
        y1 = int(s * 0.78)
        d.rounded_rectangle([x0, y1 - int(s * h), x0 + w, y1], radius=w // 4, fill=WHITE)
    return img.resize((size, size), Image.LANCZOS)


def main() -> None:
    for name, size in [("32x32.png", 32), ("128x128.png", 128), ("128x128@2x.png", 256), ("icon.png", 512)]:
        draw(size).save(HERE / name)
    draw(256).save(HERE / "icon.ico", sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])


if __name__ == "__main__":
    main()
