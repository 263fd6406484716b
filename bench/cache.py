"""Benchmark ``derivetex verify``'s cache: a blog of N posts (300 by default) verified cold
(an empty cache), then again unchanged (every post from the cache), then with ``--no-cache``;
the ratio warm / cold is what the cache promises to keep at most 0.1. Not a timed test.

Each post is derivetex's own English example under a heading of its own (our text; the
heading makes every post's content, and so its cache key, different).

    .venv/bin/python bench/cache.py               # 300 posts, --jobs 2
    .venv/bin/python bench/cache.py --posts 60 --jobs 1
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def blog(folder: Path, posts: int) -> list[str]:
    one = (ROOT / "output" / "multiclass.en.md").read_text(encoding="utf-8")
    paths = []
    for number in range(1, posts + 1):
        path = folder / f"post-{number:03d}.md"
        path.write_text(f"# Notes, part {number}\n\n{one}", encoding="utf-8")
        paths.append(str(path))
    return paths


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=False)
    if done.returncode not in (0, 1):
        raise SystemExit(f"bench/cache.py: verify failed: {done.stderr.strip()}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", type=int, default=300)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        paths = blog(Path(folder), args.posts)
        env = {**os.environ, "DERIVETEX_CACHE_DIR": str(Path(folder) / "cache")}
        verify = [sys.executable, "-m", "derivetex", "verify", "--jobs", str(args.jobs), *paths]
        cold = timed(verify, env)
        warm = timed(verify, env)
        fresh = timed([*verify, "--no-cache"], env)
    print(f"{args.posts} posts, --jobs {args.jobs}")
    print(f"cold (empty cache): {cold:.1f} s; again, unchanged: {warm:.2f} s "
          f"({warm / cold:.3f} x cold); --no-cache: {fresh:.1f} s")


if __name__ == "__main__":
    main()
