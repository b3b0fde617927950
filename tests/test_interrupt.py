"""An interrupted `kg build` (SIGINT, SIGTERM, SIGKILL) leaves the previous exports intact."""

import os
import signal
import subprocess
import sys
import time

import pyoxigraph
import pytest
from rdflib import Graph

from conftest import ROOT, SEEDS

EXTRA = ["Het kabinet zal de kwestie op {n} mei opnieuw bespreken.",
         "Volgens de krant waren er {n} mensen aanwezig.",
         "De minister sprak {n} minuten met de pers."]


def _default_sigint() -> None:
    """A process started in the background by a shell inherits SIGINT ignored (POSIX), and
    Python then never raises KeyboardInterrupt: give the build the terminal's default."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture(scope="module")
def previous(tmp_path_factory):
    """A finished build of the seeds: its out folder and the bytes of both exports."""
    out = tmp_path_factory.mktemp("interrupt-out")
    proc = subprocess.run([sys.executable, "-m", "kg", "build", "seeds", "--out", str(out), "--quiet"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return out, {name: (out / name).read_bytes() for name in ("kg.ttl", "kg.html")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """~150 article files: the seed texts with a varied sentence appended to each."""
    folder = tmp_path_factory.mktemp("interrupt-corpus")
    texts = [p.read_text("utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    for i in range(150):
        text = texts[i % len(texts)].rstrip("\n")
        (folder / f"a{i:03d}.txt").write_text(
            f"{text} {EXTRA[i % len(EXTRA)].format(n=i + 2)}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL],
                         ids=["SIGINT", "SIGTERM", "SIGKILL"])
def test_interrupted_build_keeps_previous_exports(previous, corpus, sig):
    out, before = previous
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--quiet"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONWARNINGS": "ignore"}, preexec_fn=_default_sigint)
    time.sleep(1.5)
    assert proc.poll() is None, f"build ended before the signal: {proc.communicate()}"
    proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail(f"build did not stop within 30 s of {sig.name}")

    assert proc.returncode != 0, f"{sig.name}: exit 0 after an interrupted build"
    if sig != signal.SIGKILL:
        assert "Traceback" not in err, f"{sig.name} left a traceback:\n{err}"
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and "interrupted" in err
    if sig == signal.SIGTERM:
        assert proc.returncode == 143 and "terminated" in err

    for name, data in before.items():
        assert (out / name).read_bytes() == data, f"{name} changed after {sig.name}"
    g = Graph().parse(out / "kg.ttl", format="turtle")
    store = pyoxigraph.Store()
    store.bulk_load(path=str(out / "kg.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(g) > 100 and len(store) == len(g)

    leftovers = sorted(p.name for p in out.iterdir() if p.name.startswith("."))
    if sig == signal.SIGKILL:
        # Nothing can clean up after SIGKILL: a stray temp file is tolerated, the exports are not.
        for name in leftovers:
            (out / name).unlink()
        if leftovers:
            print(f"SIGKILL left temp files: {leftovers}")
    else:
        assert leftovers == [], f"{sig.name} left temp files: {leftovers}"


def test_sigterm_while_writing_keeps_exports(previous, corpus):
    """SIGTERM in the write phase (a temp file exists): the exports stay as they were."""
    out, before = previous
    proc = subprocess.Popen([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--quiet"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 50
    seen = []
    while proc.poll() is None and time.monotonic() < deadline and not seen:
        seen = [p.name for p in out.iterdir() if p.name.startswith(".")]
        if seen:
            proc.send_signal(signal.SIGTERM)
        time.sleep(0.001)
    if not seen:
        proc.kill()
        proc.communicate()
        pytest.skip("the write phase was too short to catch")
    _, err = proc.communicate(timeout=30)
    assert "Traceback" not in err
    if proc.returncode == 0:
        pytest.skip("the build finished before SIGTERM arrived")
    for name, data in before.items():
        assert (out / name).read_bytes() == data, f"{name} changed by a build stopped while writing"
    assert "kg: terminated; existing exports left unchanged" in err
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []


def test_failed_write_removes_its_temp_files(tmp_path, monkeypatch):
    """A write that fails part-way (disk full, interrupt) leaves no temp files and no exports."""
    import kg.export

    calls = []

    def failing_open(path, *args, **kwargs):
        calls.append(path)
        handle = open(path, *args, **kwargs)  # the temporary file exists now
        if len(calls) == 2:
            handle.close()
            raise OSError(28, "No space left on device")
        return handle

    monkeypatch.setattr(kg.export, "open", failing_open, raising=False)
    with pytest.raises(OSError):
        kg.export.write_all({tmp_path / "kg.ttl": "a", tmp_path / "kg.html": "b"})
    assert sorted(p.name for p in tmp_path.iterdir()) == []
