#![expect(
    clippy::wildcard_imports,
    reason = "the schema helpers are a vocabulary"
)]

use sea_orm_migration::sea_orm::prelude::DateTimeUtc;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Service points: the places an office works from, each with its own events, staff and
/// figures. Every event belongs to one (`event.point_id`); a staff account belongs to one or
/// more, with a role there (`staff_point.role`: `staff` or `lead`).
///
/// An installation that had one office gets one service point standing for it, and every
/// event and account is put in it (admins as `lead`, others as `staff`). Its name, contact and
/// funder's line stay empty: empty fields of a service point are read from `office.*`, so the
/// office goes on looking as it is configured until someone writes them down. SQLite cannot
/// add a foreign key to an existing table, so `event.point_id` has none; service points are
/// never deleted.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("service_point")
                    .col(pk_auto("id"))
                    .col(string_null("name"))
                    .col(string_null("town"))
                    .col(string_null("address"))
                    .col(string_null("phone"))
                    .col(string_null("email"))
                    .col(string_null("funder"))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("staff_point")
                    .col(integer("staff_id"))
                    .col(integer("point_id"))
                    .col(string("role"))
                    .primary_key(Index::create().col("staff_id").col("point_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_staff_point_staff")
                            .from("staff_point", "staff_id")
                            .to("staff", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_staff_point_point")
                            .from("staff_point", "point_id")
                            .to("service_point", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("event")
                    .add_column(integer("point_id").default(0))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("audit_log")
                    .add_column(integer_null("point_id"))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let now = DateTimeUtc::from(std::time::SystemTime::now());
        let insert = Query::insert()
            .into_table("service_point")
            .columns(["created_at"])
            .values([now.into()])
            .map_err(|e| DbErr::Custom(e.to_string()))?
            .to_owned();
        manager.exec_stmt(insert).await?;
        db.execute_unprepared("UPDATE event SET point_id = (SELECT MIN(id) FROM service_point)")
            .await?;
        db.execute_unprepared(
            "INSERT INTO staff_point (staff_id, point_id, role) \
             SELECT id, (SELECT MIN(id) FROM service_point), \
             CASE WHEN role = 'admin' THEN 'lead' ELSE 'staff' END FROM staff",
        )
        .await?;
        for (name, table, column) in [
            ("ix_event_point", "event", "point_id"),
            ("ix_staff_point_point", "staff_point", "point_id"),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(Index::drop().name("ix_event_point").to_owned())
            .await?;
        for (table, column) in [("audit_log", "point_id"), ("event", "point_id")] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        manager
            .drop_table(Table::drop().table("staff_point").to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table("service_point").to_owned())
            .await
    }
}
