"""Packaging for slack: a hand-written client for Slack's rtm.connect."""
import pathlib
import re

from setuptools import find_packages, setup

here = pathlib.Path(__file__).parent
version = re.search(r'__version__ = "([^"]+)"', (here / "slack" / "_version.py").read_text()).group(1)

setup(
    name="slack",
    version=version,
    description="A typed, validated Python client for Slack's rtm.connect, in the openapi-generator 6.x shape",
    long_description=(here / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="MIT",
    python_requires=">=3.9",
    packages=find_packages(include=["slack", "slack.*"]),
    package_data={"slack": ["py.typed"]},
    install_requires=[line.strip() for line in (here / "requirements.txt").read_text().splitlines() if line.strip()],
    extras_require={"rtm": ["websockets >= 15"], "socks": ["urllib3[socks]"]},
    classifiers=[
        "Programming Language :: Python :: 3",
        "Programming Language :: Python :: 3 :: Only",
        "Typing :: Typed",
    ],
)
