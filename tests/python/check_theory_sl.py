"""The supervised side of Theorem 3.1's toy model solved independently with cvxpy, for the C++
test TheorySlFeature.MatchesCvxpyInNorm: the minimum-Frobenius-norm multiclass hard-margin linear
classifier (no bias),

    min 1/2 ||W||_F^2   s.t.   (w_y - w_j) . x >= 1   for every example (x, y) and class j != y,

solved in the primal by Clarabel (an interior-point conic solver) at tight tolerances.

Usage: check_theory_sl.py TOY.txt...   (one example a line: its label 0..K-1, then its d values)
For each file, prints ||W||_F on one line, then W (K x d) row by row, one value a line. Exits 77
when cvxpy is missing (the test then skips), 1 when a problem is not solved to optimality.
"""
import sys

import numpy as np

try:
    import cvxpy as cp
except ImportError:
    sys.exit(77)

for path in sys.argv[1:]:
    rows = np.loadtxt(path, ndmin=2)
    labels = rows[:, 0].astype(int)
    x = rows[:, 1:]
    k = labels.max() + 1
    w = cp.Variable((k, x.shape[1]))
    constraints = [
        x[labels == y] @ (w[y] - w[j]) >= 1
        for y in range(k)
        for j in range(k)
        if j != y and (labels == y).any()
    ]
    problem = cp.Problem(cp.Minimize(0.5 * cp.sum_squares(w)), constraints)
    problem.solve(solver=cp.CLARABEL, tol_gap_abs=1e-12, tol_gap_rel=1e-12, tol_feas=1e-12)
    if problem.status != cp.OPTIMAL:
        sys.exit(f"cvxpy: {path}: {problem.status}")
    print(f"{np.linalg.norm(w.value):.17g}")
    print("\n".join(f"{v:.17g}" for v in w.value.ravel()))
