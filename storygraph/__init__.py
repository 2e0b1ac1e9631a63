"""The ``storygraph`` command. The library is :mod:`extract` and :mod:`graph`."""
