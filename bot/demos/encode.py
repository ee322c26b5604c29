"""Frames -> a silent H.264 MP4 that Telegram plays as a looping animation."""

from collections.abc import Iterable
from pathlib import Path

import imageio_ffmpeg
from PIL import Image

from bot.demos.draw import HEIGHT, WIDTH
from bot.domain.figure.demo import FPS

# Flat colours compress well: constant quality 30 keeps every clip far below 1 MB.
_OUTPUT = ["-crf", "30", "-preset", "slow", "-tune", "animation", "-movflags", "+faststart", "-an"]


def encode(frames: Iterable[Image.Image], path: Path) -> None:
    writer = imageio_ffmpeg.write_frames(
        str(path),
        (WIDTH, HEIGHT),
        fps=FPS,
        codec="libx264",
        quality=None,
        output_params=_OUTPUT,
        ffmpeg_log_level="error",
    )
    writer.send(None)  # start the encoder
    try:
        for frame in frames:
            writer.send(frame.tobytes())
    finally:
        writer.close()
