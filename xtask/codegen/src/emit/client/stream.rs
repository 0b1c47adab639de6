//! A cursor-paginated listing's `stream()`: the items of every page as one stream, each page
//! read by sending the same call again (so with its parameters, options and retries) with the
//! cursor of the page before, until a page has none.

use super::super::types::{ident, ty_in};
use super::ClientOptions;
use crate::model::{Api, Operation, Pagination};
use proc_macro2::TokenStream;
use quote::quote;

/// The `stream` method of a paginated listing's builder.
pub(super) fn stream_method(
    api: &Api,
    op: &Operation,
    paging: &Pagination,
    options: &ClientOptions,
) -> TokenStream {
    let runtime = options.runtime();
    let op_id = &op.id;
    let item = ty_in(api, &paging.item, &options.models());
    let cursor = ident(&paging.cursor_param);
    let items = ident(&paging.items.name);
    let items = if paging.items.optional {
        quote! { page.#items.unwrap_or_default() }
    } else {
        quote! { page.#items }
    };
    let next = ident(&paging.next_cursor.name);
    let next = if paging.next_cursor.optional {
        quote! { page.#next }
    } else {
        quote! { ::std::option::Option::Some(page.#next) }
    };
    let doc = super::line_docs(&format!(
        "Every item of every page, as a stream.\n\n\
         Pages are read one at a time, as the items run out, each by this call sent again \
         with the same parameters and options (and so with its retries), passing on \
         `{cursor}` from the page before until a page has none. The first page is the one \
         this call names (the first, unless its `{cursor}` is set). A failed call is yielded \
         as an error and ends the stream.",
        cursor = paging.cursor_wire,
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
