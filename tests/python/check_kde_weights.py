"""rwSAM's KDE weights computed independently with scikit-learn, for the C++ test
KdeWeights.EqualScikitLearnsKernelDensity: w_i = density(x_i)^-alpha, normalised to mean 1,
with an isotropic Gaussian kernel of bandwidth h (the kernel's constant cancels).

Usage: check_kde_weights.py POINTS.txt H ALPHA   (one point per line; prints one weight a line)
"""
import sys

import numpy as np
from sklearn.neighbors import KernelDensity

points = np.loadtxt(sys.argv[1], ndmin=2)
h, alpha = float(sys.argv[2]), float(sys.argv[3])
log_density = KernelDensity(kernel="gaussian", bandwidth=h).fit(points).score_samples(points)
log_w = -alpha * log_density
w = np.exp(log_w - log_w.max())
w /= w.mean()
print("\n".join(f"{x:.17g}" for x in w))
