//! A paginated listing's `stream()`: the items of every page as one stream, each page read by
//! sending the same call again (so with its parameters, options and retries) with the cursor
//! of the page before, or to the URL its `Link` header names, until a page has none.

use super::super::types::{ident, ty_in};
use super::ClientOptions;
use crate::model::{Api, Operation, PageBy, PageField, Pagination};
use proc_macro2::TokenStream;
use quote::quote;

/// The `stream` method of a paginated listing's builder.
pub(super) fn stream_method(
    api: &Api,
    op: &Operation,
    paging: &Pagination,
    options: &ClientOptions,
) -> TokenStream {
    match &paging.by {
        PageBy::Cursor {
            cursor_param,
            cursor_wire,
            next_cursor,
            items,
        } => cursor_stream(
            api,
            op,
            paging,
            options,
            (cursor_param, cursor_wire, next_cursor, items),
        ),
        PageBy::Link => link_stream(api, op, paging, options),
    }
}

/// The stream of a listing that a cursor pages.
fn cursor_stream(
    api: &Api,
    op: &Operation,
    paging: &Pagination,
    options: &ClientOptions,
    (cursor_param, cursor_wire, next_cursor, items): (&str, &str, &PageField, &PageField),
) -> TokenStream {
    let runtime = options.runtime();
    let op_id = &op.id;
    let item = ty_in(api, &paging.item, &options.models());
    let cursor = ident(cursor_param);
    let items_name = ident(&items.name);
    let items = if items.optional {
        quote! { page.#items_name.unwrap_or_default() }
    } else {
        quote! { page.#items_name }
    };
    let next_name = ident(&next_cursor.name);
    let next = if next_cursor.optional {
        quote! { page.#next_name }
    } else {
        quote! { ::std::option::Option::Some(page.#next_name) }
    };
    let doc = super::line_docs(&format!(
        "Every item of every page, as a stream.\n\n\
         Pages are read one at a time, as the items run out, each by this call sent again \
         with the same parameters and options (and so with its retries), passing on \
         `{cursor_wire}` from the page before until a page has none. The first page is the one \
         this call names (the first, unless its `{cursor_wire}` is set). A failed call is yielded \
         as an error and ends the stream."
    ));
    quote! {
        #doc
        pub fn stream(self) -> #runtime Paginated<'a, #item, ErrorBody> {
            #runtime Paginated::new(#op_id, move |cursor: ::std::option::Option<::std::string::String>| {
                let mut call = ::std::clone::Clone::clone(&self);
                if cursor.is_some() {
                    call.params.#cursor = cursor;
                }
                ::std::boxed::Box::pin(async move {
                    let page = call.send().await?;
                    ::std::result::Result::Ok(#runtime Page {
                        items: #items,
                        next_cursor: #next,
                    })
                })
            })
        }
    }
}

/// The stream of a listing that its `Link` header pages: the next page is the URL its
/// `rel="next"` names, which holds the parameters already.
fn link_stream(
    api: &Api,
    op: &Operation,
    paging: &Pagination,
    options: &ClientOptions,
) -> TokenStream {
    let runtime = options.runtime();
    let op_id = &op.id;
    let item = ty_in(api, &paging.item, &options.models());
    let doc = super::line_docs(
        "Every item of every page, as a stream.\n\n\
         Pages are read one at a time, as the items run out: the first is this call, and each \
         next one the URL the page before names in its `Link` header (`rel=\"next\"`, RFC \
         8288), with this call's options (and so its retries), until a page names none. A \
         link to another server than the client's is not followed: it ends the stream with \
         an error. A failed call is yielded as an error and ends the stream.",
    );
    quote! {
        #doc
        pub fn stream(self) -> #runtime Paginated<'a, #item, ErrorBody> {
            #runtime Paginated::new(#op_id, move |next: ::std::option::Option<::std::string::String>| {
                let mut call = ::std::clone::Clone::clone(&self);
                call.options.page_url = next;
                ::std::boxed::Box::pin(async move {
                    let page = call.send_with_response().await?;
                    let next_cursor = #runtime next_link(&page.headers);
                    ::std::result::Result::Ok(#runtime Page {
                        items: page.body,
                        next_cursor,
                    })
                })
            })
        }
    }
}
