"""Load a sibling extension module by path, the way Copier loads extensions.

Copier (copier_template_extensions.TemplateExtensionLoader) executes each file named in
`_jinja_extensions` on its own, as module `copier_template_extensions.<stem>`, with the template
nowhere on sys.path: there, `from extensions.naming import ...` fails, or, in a process that has
some other checkout on sys.path (the tests), imports that checkout's code. So a module that needs
a sibling imports it from the package only when it was itself imported as the `extensions`
package, and otherwise loads it with this function, from the file next to this one (the same
template version), fresh each time, as Copier does.

Why not put the template root on sys.path: the `extensions` package would then stay cached in
sys.modules, and a process that renders two template versions (an update) would run the second
version's extensions with the first version's siblings.

A module reaches this function without any import, by running this file:

    if __package__ == "extensions":  # imported as a package: the tests and tools
        from extensions import naming
    else:  # loaded by path, as Copier loads extensions: see _siblings.py
        naming = runpy.run_path(str(Path(__file__).with_name("_siblings.py")))["load"]("naming")

and then calls `naming.snake(...)`: one import per sibling, the same in both cases.
"""

from __future__ import annotations

import sys
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path
from types import ModuleType

_HERE = Path(__file__).resolve().parent


def load(name: str) -> ModuleType:
    """Execute extensions/<name>.py as Copier would and return the module."""
    module_name = f"copier_template_extensions.{name}"
    spec = spec_from_file_location(module_name, _HERE / f"{name}.py")
    module = module_from_spec(spec)
    sys.modules[module_name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module
