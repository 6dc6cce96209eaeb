pub mod app;
pub mod axe;
pub mod browser;
pub mod db;
pub mod fixtures;
pub mod outbox;
pub mod pdf;
pub mod smsc;
pub mod smtp;

pub use app::TestApp;
pub use db::Backend;
pub use fixtures::{cookie_client, id_of, info_day, merged, no_redirects, person};

/// Runs a database test once on SQLite and once on PostgreSQL: `both!(name)` after
/// `async fn name(backend: Backend)` gives the tests `name::sqlite` and `name::postgres`.
#[macro_export]
macro_rules! both {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::support::Backend::Sqlite).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::support::Backend::Postgres).await;
            }
        }
    )+};
}
