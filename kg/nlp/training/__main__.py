import os

# one core for BLAS/OpenMP: the machine is shared and speed is reported per core
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

from .train import main  # noqa: E402

raise SystemExit(main())
