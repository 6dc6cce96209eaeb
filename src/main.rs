//! The `treffpunkt` command: serve the office's events, migrate the database, manage staff
//! accounts and API tokens.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use treffpunkt::staff::Role;
use treffpunkt::{Config, Error};

#[derive(Parser)]
#[command(
    name = "treffpunkt",
    version,
    about = "Events of the advice office: registration, reminders by mail and calendar feeds.",
    long_about = "Events of the advice office: registration, reminders by mail and calendar feeds.\n\n\
                  Without a command, treffpunkt serves the web pages and the API (like `treffpunkt serve`).\n\
                  Settings come from config.toml in the current folder (or --config), and any setting can\n\
                  be overridden by an environment variable such as TREFFPUNKT__DATABASE__URL."
)]
struct Cli {
    /// Settings file to read instead of ./config.toml.
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web pages, the API and the calendar feeds (updates the database first).
    Serve,
    /// Update the database to the current version, then stop.
    Migrate,
    /// Manage staff accounts.
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// Manage API tokens for scripts and other programs.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Add a staff account. The password is read from the first line of standard input,
    /// so it does not appear in the shell history: `echo "$PW" | treffpunkt staff add ...`.
    Add {
        /// Email address the staff member signs in with.
        #[arg(long)]
        email: String,
        /// Name shown to colleagues.
        #[arg(long)]
        name: String,
        /// `admin` also manages staff accounts and API tokens.
        #[arg(long, value_enum, default_value = "staff")]
        role: Role,
        /// Id of the service point the account works in (listed at `/staff/points`); left
        /// out, a staff account joins the installation's only service point, if it has one.
        #[arg(long)]
        point: Option<i32>,
        /// The account leads that service point (else it works there as `staff`).
        #[arg(long, requires = "point")]
        lead: bool,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Create an API token for a staff account. The token is printed once, alone on the last
    /// line; keep it safe, it cannot be shown again.
    Create {
        /// Email address of the staff account the token acts for.
        #[arg(long)]
        email: String,
        /// What the token is for, e.g. "website import".
        #[arg(long)]
        label: String,
    },
}

/// The most log lines waiting to be written (a few hundred KB); see `main`.
const LOG_QUEUE_LINES: usize = 4096;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if matches!(cli.command, None | Some(Command::Serve)) {
        limit_malloc_arenas();
    }
    // Log lines, the access log's one per request among them, are written to stderr by a thread
    // of their own through a queue of at most LOG_QUEUE_LINES lines: a request never waits for a
    // terminal or a pipe, and a full queue drops lines instead of holding requests or memory.
    let (writer, _flush_on_exit) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .buffered_lines_limit(LOG_QUEUE_LINES)
        .lossy(true)
        .thread_name("treffpunkt-log")
        .finish(std::io::stderr());
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(writer)
        .init();
    let config = match Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("treffpunkt: invalid configuration: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("treffpunkt: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command.unwrap_or(Command::Serve), config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("treffpunkt: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// glibc's malloc gives threads that allocate at the same time heaps ("arenas") of their own,
/// up to eight per core, and keeps what was freed in each. The service runs many such threads
/// (the runtime's, and one per SQLite connection), so under load it held 64–93 MB where two
/// arenas hold about 53 MB (`bench/README.md`). glibc reads `MALLOC_ARENA_MAX` only when a
/// process starts, so `serve` starts itself once more with it set, keeping its process id. A
/// `MALLOC_ARENA_MAX` already in the environment is left as it is (and so is the process); should
/// starting again fail, the service runs on as it is.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    use std::os::unix::process::CommandExt;

    const VAR: &str = "MALLOC_ARENA_MAX";
    if std::env::var_os(VAR).is_some() {
        return;
    }
    let Ok(program) = std::env::current_exe() else {
        return;
    };
    let mut args = std::env::args_os();
    let mut again = std::process::Command::new(program);
    if let Some(name) = args.next() {
        again.arg0(name);
    }
    // Only returns when the program could not be started.
    let error = again.args(args).env(VAR, "2").exec();
    eprintln!("treffpunkt: serving with glibc's default arenas ({error})");
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}

async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    match command {
        Command::Serve => treffpunkt::build(config).await?.run().await,
        Command::Migrate => {
            let db = treffpunkt::db::connect(config.database.url.expose(), 2).await?;
            treffpunkt::db::migrate(&db).await?;
            println!("The database is up to date.");
            Ok(())
        }
        Command::Staff {
            command:
                StaffCommand::Add {
                    email,
                    name,
                    role,
                    point,
                    lead,
                },
        } => {
            let password = read_password()?;
            let db = connect(&config).await?;
            let point_role = if lead {
                treffpunkt::staff::points::PointRole::Lead
            } else {
                treffpunkt::staff::points::PointRole::Staff
            };
            let member = treffpunkt::staff::add_to_point(
                &db,
                treffpunkt::staff::audit::Actor::System,
                &email,
                &name,
                role,
                &password,
                point.map(|p| (p, point_role)),
            )
            .await
            .map_err(explain)?;
            println!(
                "Added staff account {} ({}) with id {}.",
                email.trim(),
                role.as_str(),
                member.id
            );
            Ok(())
        }
        Command::Token {
            command: TokenCommand::Create { email, label },
        } => {
            let db = connect(&config).await?;
            let token = treffpunkt::staff::create_token(&db, &email, &label)
                .await
                .map_err(explain)?;
            println!(
                "New API token for {} ({}). It is shown only now:",
                email.trim(),
                label.trim()
            );
            println!("{token}");
            Ok(())
        }
    }
}

async fn connect(config: &Config) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let db = treffpunkt::db::connect(config.database.url.expose(), 2).await?;
    treffpunkt::db::migrate(&db).await?;
    Ok(db)
}

fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// Turns a domain error into a sentence for the person at the terminal.
fn explain(e: Error) -> anyhow::Error {
    match e {
        Error::Invalid(fields) => {
            let lines: Vec<String> = fields
                .iter()
                .map(|(f, e)| format!("{f}: {}", e.message))
                .collect();
            anyhow::anyhow!("{}", lines.join("; "))
        }
        Error::NotFound => anyhow::anyhow!("no staff account has this email address"),
        Error::Internal(e) => e,
        other => anyhow::anyhow!("{other}"),
    }
}
