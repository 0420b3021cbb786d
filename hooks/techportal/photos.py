"""Profile photos: checked by decoding, bounded, re-encoded without any metadata.

Re-encoding from pixels is what removes EXIF/XMP (GPS positions, camera serials): the output
image is built from a fresh pixel buffer, so no metadata block of the upload survives.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 40-megapixel phone photo is fine; a decompression bomb is not
ACCEPTED = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
WIDTHS = (160, 320)


class PhotoError(ValueError):
    pass


@dataclass(frozen=True)
class Variant:
    slot: int  # the width it is published for (file name and srcset); smaller if the upload was smaller
    format: str  # "webp" or "jpg"
    data: bytes


def check_path(folder: Path, name: str) -> Path:
    """The photo's path, if it is a plain file inside the profile's own folder."""
    if "/" in name or "\\" in name or name.startswith(".") or Path(name).is_absolute():
        raise PhotoError(f"`{name}` must be a file name in the profile's own folder, such as photo.jpg")
    path = folder / name
    if path.is_symlink():
        raise PhotoError(f"`{name}` is a symbolic link; add the image file itself")
    if not path.is_file():
        raise PhotoError(f"`{name}` was not found in {folder.name}/ — upload it to the same folder as profile.yml")
    if path.stat().st_size > MAX_BYTES:
        raise PhotoError(f"`{name}` is larger than {MAX_BYTES // (1024 * 1024)} MB — use a smaller image")
    return path


def open_checked(path: Path) -> Image.Image:
    """Decode the file fully; refuse anything that is not really a JPEG, PNG or WebP of sane size."""
    name = path.name
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(path) as probe:
                fmt = probe.format
                if fmt not in ACCEPTED:
                    raise PhotoError(f"`{name}` is not a JPEG, PNG or WebP image (it is {fmt or 'unknown'})")
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise PhotoError(f"`{name}` is {width}×{height} pixels — at most {MAX_PIXELS:,} pixels are allowed")
                probe.load()
                image = probe.copy()
        except PhotoError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise PhotoError(f"`{name}` has far too many pixels to be a photo — at most {MAX_PIXELS:,} pixels are allowed") from None
        except Exception:  # Pillow raises many kinds for broken files
            raise PhotoError(f"`{name}` is not a readable JPEG, PNG or WebP image") from None
    return image


def variants(path: Path) -> list[Variant]:
    image = ImageOps.exif_transpose(open_checked(path))  # keep the orientation, then drop the EXIF itself
    image = image.convert("RGB")
    side = min(image.size)
    left, top = (image.width - side) // 2, (image.height - side) // 2
    square = image.crop((left, top, left + side, top + side))
    result = []
    for width in WIDTHS:
        scaled = square.resize((min(width, side),) * 2, Image.LANCZOS)
        clean = Image.new("RGB", scaled.size)
        clean.paste(scaled)
        for fmt, ext, options in (("WEBP", "webp", {"quality": 80}), ("JPEG", "jpg", {"quality": 82, "optimize": True})):
            buffer = io.BytesIO()
            clean.save(buffer, fmt, **options)
            result.append(Variant(width, ext, buffer.getvalue()))
    return result
