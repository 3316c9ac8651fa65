//! One kind of effect for the whole page. Yew compiles its effect machinery (the hook's state,
//! its run after each render, its comparison and its teardown) once per kind of dependencies and
//! closure: ~0.5 KB of wasm for each of the page's effects. Here every effect reaches Yew as the
//! same kind: its dependencies compared behind `dyn`, its work a boxed closure. bench/README.md
//! has the bytes.
//!
//! `use_effect_on(effect::on(deps, f))` does what `use_effect_with(deps, f)` does: after a render
//! in which `deps` differ from the last run's (and after the first render), `f(&deps)` runs. An
//! effect that owns something to stop on unmount keeps it in the hook's state (`use_mut_ref`),
//! which Yew drops with the component.

use std::any::Any;

use yew::prelude::*;

/// Dependencies of some type, compared with the last run's: equal when of the same type and equal.
pub struct Deps(Box<dyn Same>);

trait Same {
    fn as_any(&self) -> &dyn Any;
    fn same(&self, other: &dyn Any) -> bool;
}

impl<T: PartialEq + 'static> Same for T {
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn same(&self, other: &dyn Any) -> bool {
        other.downcast_ref::<T>() == Some(self)
    }
}

impl PartialEq for Deps {
    fn eq(&self, other: &Self) -> bool {
        self.0.same(other.0.as_any())
    }
}

/// An effect: its dependencies and what runs when they change.
pub struct Effect {
    deps: Deps,
    run: Box<dyn FnOnce(&dyn Any)>,
}

/// The effect that runs `f(&deps)` when `deps` change.
pub fn on<T: PartialEq + 'static>(deps: T, f: impl FnOnce(&T) + 'static) -> Effect {
    Effect {
        deps: Deps(Box::new(deps)),
        run: Box::new(move |deps| {
            // Always of type T: the dependencies are the ones boxed beside this closure.
            if let Some(deps) = deps.downcast_ref::<T>() {
                f(deps)
            }
        }),
    }
}

/// Runs the effect after a render in which its dependencies changed, as `use_effect_with` does.
#[hook]
pub fn use_effect_on(effect: Effect) {
    let Effect { deps, run } = effect;
    use_effect_with(deps, move |deps| run(deps.0.as_any()));
}
