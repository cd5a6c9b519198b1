"""The bundle's entry script: PyInstaller freezes this into the ``TopicDigest`` executable."""

import sys

from desktop.launcher import main, run_helper_process

if __name__ == "__main__":
    if getattr(sys, "frozen", False) and run_helper_process(sys.argv[1:]):
        raise SystemExit(0)
    raise SystemExit(main())
