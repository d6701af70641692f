//! Commands on any item (static secret, classic key, certificate):
//! `list-items`, `describe-item`, `update-item`, `delete-item`.

use anyhow::{Result, bail};

use super::certificate::item_name;
use super::session::{Ctx, bool_string, list, text, typed};
use crate::cli::{DeleteItemArgs, DescribeItemArgs, GlobalArgs, ListItemsArgs, UpdateItemArgs};
use crate::gateway::api::{self, SessionFields, commands};
use crate::output::CommandOutput;

/// `list-items`: JSON, with `next_page` to pass to `--pagination-token`
/// once a page is full. Items the caller may not list are left out by the
/// gateway, silently.
pub async fn list_items(global: &GlobalArgs, args: &ListItemsArgs) -> Result<CommandOutput> {
    let req = api::ListItems {
        filter: text(&args.filter),
        path: text(&args.path),
        tag: text(&args.tag),
        types: list(&args.types),
        pagination_token: text(&args.pagination_token),
        minimal_view: args.minimal_view,
        session: SessionFields::default(),
        ..Default::default()
    };
    let ctx = Ctx::new(global, &args.gateway)?;
    Ok(CommandOutput::json_only(
        ctx.call(commands::LIST_ITEMS, &req).await?,
    ))
}

/// `describe-item`.
pub async fn describe(global: &GlobalArgs, args: &DescribeItemArgs) -> Result<CommandOutput> {
    let req = api::DescribeItem {
        name: item_name(&args.name)?,
        show_versions: args.show_versions.then_some(true),
        session: SessionFields::default(),
        ..Default::default()
    };
    let ctx = Ctx::new(global, &args.gateway)?;
    Ok(CommandOutput::json_only(
        ctx.call(commands::DESCRIBE_ITEM, &req).await?,
    ))
}

/// The `/update-item` body the flags describe; refuses a call that would
/// change nothing.
pub fn update_request(args: &UpdateItemArgs) -> Result<api::UpdateItem> {
    let name = item_name(&args.name)?;
    let add_tag = list(&args.add_tag);
    let rm_tag = list(&args.rm_tag);
    if args.description.is_none()
        && add_tag.is_none()
        && rm_tag.is_none()
        && args.delete_protection.is_none()
    {
        bail!("nothing to update; pass --description, --add-tag, --rm-tag or --delete-protection");
    }
    if let (Some(a), Some(r)) = (&add_tag, &rm_tag)
        && let Some(t) = a.iter().find(|t| r.contains(t))
    {
        bail!("--add-tag and --rm-tag both name '{t}'; pass it to one of them");
    }
    Ok(api::UpdateItem {
        name,
        description: args.description.clone(),
        add_tag,
        rm_tag,
        delete_protection: args.delete_protection.map(bool_string),
        session: SessionFields::default(),
        ..Default::default()
    })
}

/// `update-item`: metadata only; never a new version.
pub async fn update(global: &GlobalArgs, args: &UpdateItemArgs) -> Result<CommandOutput> {
    let req = update_request(args)?;
    let ctx = Ctx::new(global, &args.gateway)?;
    Ok(CommandOutput::json_only(
        ctx.call(commands::UPDATE_ITEM, &req).await?,
    ))
}

/// `delete-item`: the whole item (`--version -1`, the default) or one
/// version, printed as the akeyless CLI prints it.
pub async fn delete(global: &GlobalArgs, args: &DeleteItemArgs) -> Result<CommandOutput> {
    if args.version < -1 {
        bail!(
            "--version {} is not a version; use -1 (the whole item), 0 (the last version) or N",
            args.version
        );
    }
    let req = api::DeleteItem {
        name: item_name(&args.name)?,
        version: (args.version != -1).then_some(args.version),
        delete_immediately: args.delete_immediately.then_some(true),
        delete_in_days: args.delete_in_days,
        session: SessionFields::default(),
    };
    let ctx = Ctx::new(global, &args.gateway)?;
    let v = ctx.call(commands::DELETE_ITEM, &req).await?;
    if args.version == -1 {
        return Ok(CommandOutput::json_only(v));
    }
    let out: api::DeleteItemOutput = typed(&v, commands::DELETE_ITEM)?;
    let version = if out.version_deleted > 0 {
        out.version_deleted
    } else {
        args.version
    };
    let t = format!(
        "Item {} version {version} was successfully deleted",
        req.name
    );
    Ok(CommandOutput::new(v, t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_item_needs_a_change() {
        let args = UpdateItemArgs {
            name: "/s".into(),
            ..Default::default()
        };
        assert!(
            update_request(&args)
                .unwrap_err()
                .to_string()
                .starts_with("nothing to update")
        );
        let args = UpdateItemArgs {
            name: "/s".into(),
            add_tag: vec!["a".into()],
            delete_protection: Some(false),
            ..Default::default()
        };
        let v = serde_json::to_value(update_request(&args).unwrap()).unwrap();
        assert_eq!(v["add-tag"], serde_json::json!(["a"]));
        assert_eq!(v["delete_protection"], "false");
        assert!(v.get("description").is_none());
        let clash = UpdateItemArgs {
            rm_tag: vec!["a".into()],
            ..args
        };
        assert!(update_request(&clash).is_err());
    }
}
