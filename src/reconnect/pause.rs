//! Page Visibility and `online`/`offline`: when asked, no attempt is made while the page is
//! hidden or the browser offline, and the driver is woken the moment either changes.

use std::rc::Rc;

use wasm_bindgen::{JsCast, JsValue};

use super::shared::Shared;
use super::Reconnect;
use crate::listener::EventHandler;

/// The listeners that wake the driver; dropped with it.
pub(crate) struct Pause {
    hidden: bool,
    offline: bool,
    /// Reads the page's state ([`Pause::watch`]), or says "never paused" ([`Pause::never`]):
    /// a policy that never pauses does not link the reading.
    check: fn(&Pause) -> bool,
    _listeners: Vec<EventHandler>,
}

/// Starts the pausing a policy asks for: [`Pause::never`] unless `pause_when_hidden` or
/// `pause_when_offline` was called, so a policy without them does not link the listeners.
pub(crate) type Watch = fn(&Reconnect, &Rc<Shared>) -> Pause;

fn property(target: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

impl Pause {
    /// No pausing: the default policy's.
    pub fn never(_: &Reconnect, _: &Rc<Shared>) -> Pause {
        Pause { hidden: false, offline: false, check: |_| false, _listeners: Vec::new() }
    }

    /// Listens for what the policy pauses on.
    pub fn watch(policy: &Reconnect, shared: &Rc<Shared>) -> Pause {
        let global: JsValue = js_sys::global().into();
        let mut listeners = Vec::new();
        let mut wake_on = |target: &web_sys::EventTarget, event: &'static str| {
            let shared = Rc::downgrade(shared);
            listeners.push(EventHandler::new(
                target,
                event,
                Box::new(move |_| {
                    if let Some(shared) = shared.upgrade() {
                        shared.wake_driver();
                    }
                }),
            ));
        };
        if policy.pause_when_hidden {
            if let Ok(document) = property(&global, "document").dyn_into::<web_sys::EventTarget>() {
                wake_on(&document, "visibilitychange");
            }
        }
        if policy.pause_when_offline {
            if let Some(target) = global.dyn_ref::<web_sys::EventTarget>() {
                wake_on(target, "online");
                wake_on(target, "offline");
            }
        }
        Pause {
            hidden: policy.pause_when_hidden,
            offline: policy.pause_when_offline,
            check: Pause::check,
            _listeners: listeners,
        }
    }

    /// Whether an attempt should wait now.
    pub fn paused(&self) -> bool {
        (self.check)(self)
    }

    fn check(&self) -> bool {
        let global: JsValue = js_sys::global().into();
        let hidden = self.hidden && property(&property(&global, "document"), "visibilityState") == "hidden";
        let offline = self.offline && property(&property(&global, "navigator"), "onLine") == JsValue::FALSE;
        hidden || offline
    }
}
