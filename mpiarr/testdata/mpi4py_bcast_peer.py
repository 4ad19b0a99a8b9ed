# The mpi4py side of TestCheckedModeAgainstMPI4Py: a plain Bcast from
# rank 0, which knows nothing of ndmpi's checked-mode agreement.
import numpy as np
from mpi4py import MPI

buf = np.zeros(4)
MPI.COMM_WORLD.Bcast(buf, root=0)
print("mpi4py peer got", buf)
