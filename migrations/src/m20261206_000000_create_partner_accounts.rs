#![expect(
    clippy::wildcard_imports,
    reason = "the schema helpers are a vocabulary"
)]

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Partner accounts: the people of a partner organisation sign in as staff do, with the role
/// `partner`, their organisation in `staff.partner_id` and the language of their mail in
/// `staff.lang` (no foreign key: SQLite cannot add
/// one to an existing table; partners are never deleted). `partner_point` holds the service
/// points that invited an organisation: its people see and register for their published
/// events. `invitation` holds the links by which invited people set their password: only the
/// SHA-256 of each link's token, an expiry, and when it was used. The audit log names the
/// partner organisation an entry concerns, and a registration a partner's person made names
/// that person's account (`registered_by`), who is told what the family would be told when it
/// gave no address.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("staff")
                    .add_column(integer_null("partner_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("staff")
                    .add_column(string_null("lang"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("audit_log")
                    .add_column(integer_null("partner_id"))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("registration")
                    .add_column(integer_null("registered_by"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("partner_point")
                    .col(integer("partner_id"))
                    .col(integer("point_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .primary_key(Index::create().col("partner_id").col("point_id"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("partner_point", "partner_id")
                            .to("partner", "id"),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from("partner_point", "point_id")
                            .to("service_point", "id"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("invitation")
                    .col(pk_auto("id"))
                    .col(integer("staff_id"))
                    .col(string_uniq("token_hash"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .from("invitation", "staff_id")
                            .to("staff", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("invitation").to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table("partner_point").to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("registration")
                    .drop_column("registered_by")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("audit_log")
                    .drop_column("partner_id")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("staff")
                    .drop_column("partner_id")
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(Table::alter().table("staff").drop_column("lang").to_owned())
            .await
    }
}
