"""The library's demonstrations as looping H.264 clips: drawn with Pillow, encoded with the
ffmpeg that imageio-ffmpeg ships, cached on disk by a hash of the keyframes and this renderer's
version. `python -m bot demos` builds them all; the bot renders a missing one on first need."""
