//! The `choice!` macro for closed sets of stable identifiers.

/// Declares a closed set of choices with stable identifiers, stored in the
/// database and sent over IPC. The UI translates the identifiers.
macro_rules! choice {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $id:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            /// Every choice, in the order the UI offers them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// Stable identifier used in the database and over IPC.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $id),+
                }
            }

            /// Parses the stable identifier.
            pub fn from_str_id(text: &str) -> Option<Self> {
                match text {
                    $($id => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}
