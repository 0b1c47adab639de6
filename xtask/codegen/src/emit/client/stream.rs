//! The second method of a cursor-paginated listing: the items of every page as one stream,
//! each page read by the one-page method (so with its retries), the cursor followed until a
//! page has none.

use super::super::types::{ident, ty_in};
use super::method::Method;
use super::ClientOptions;
use crate::model::{Api, Operation, Pagination};
use proc_macro2::{Ident, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::quote;

pub(super) fn stream_method(
    api: &Api,
    op: &Operation,
    paging: &Pagination,
    one_page: &Method,
    options: &ClientOptions,
) -> TokenStream {
    let runtime = options.runtime();
    let name = ident(&paging.method);
    let page_method = ident(&op.name);
    let op_id = &op.id;
    let item = ty_in(api, &paging.item, &options.models());
    let lifetime = quote! { 'a };
    let mut args = Vec::new();
    let mut call = Vec::new();
    for (param, arg) in op.params.iter().zip(&one_page.args) {
        let value = ident(&param.name);
        if param.name == paging.cursor_param {
            call.push(quote! { cursor.as_deref() });
        } else {
            args.push(with_lifetime(arg.clone()));
            call.push(quote! { #value });
        }
    }
    let body_arg = one_page.body_arg.clone().map(with_lifetime);
    if body_arg.is_some() {
        call.push(quote! { body });
    }
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
        "Every item of every page of [`{page}`](Self::{page}), as a stream.\n\n\
         Pages are read one at a time, as the items run out, each by one call with these \
         arguments (and the client's retries), passing on `{cursor}` from the page before \
         until a page has none. A failed call is yielded as an error and ends the stream.",
        page = op.name,
        cursor = paging.cursor_wire,
    ));
    quote! {
        #doc
        pub fn #name<#lifetime>(
            &#lifetime self,
            #(#args,)*
            #body_arg
        ) -> #runtime Paginated<#lifetime, #item, ErrorBody> {
            #runtime Paginated::new(#op_id, move |cursor: ::std::option::Option<::std::string::String>| {
                ::std::boxed::Box::pin(async move {
                    let page = self.#page_method(#(#call),*).await?;
                    ::std::result::Result::Ok(#runtime Page {
                        items: #items,
                        next_cursor: #next,
                    })
                })
            })
        }
    }
}

/// `tokens` (an argument, `name: Type`) with every reference in it given the lifetime `'a`,
/// so that the stream can keep the arguments for the pages it has yet to read.
fn with_lifetime(tokens: TokenStream) -> TokenStream {
    let mut out = Vec::new();
    let mut trees = tokens.into_iter().peekable();
    while let Some(tree) = trees.next() {
        match tree {
            TokenTree::Punct(p) if p.as_char() == '&' => {
                out.push(TokenTree::Punct(p));
                let named =
                    matches!(trees.peek(), Some(TokenTree::Punct(q)) if q.as_char() == '\'');
                if !named {
                    out.push(TokenTree::Punct(Punct::new('\'', Spacing::Joint)));
                    out.push(TokenTree::Ident(Ident::new("a", Span::call_site())));
                }
            }
            TokenTree::Group(group) => {
                let mut inner =
                    proc_macro2::Group::new(group.delimiter(), with_lifetime(group.stream()));
                inner.set_span(group.span());
                out.push(TokenTree::Group(inner));
            }
            other => out.push(other),
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn every_reference_gets_the_lifetime() {
        let arg = quote! { ids: ::std::option::Option<&[i64]> };
        assert_eq!(
            super::with_lifetime(arg).to_string(),
            quote! { ids: ::std::option::Option<&'a [i64]> }.to_string()
        );
        let arg = quote! { name: &str };
        assert_eq!(
            super::with_lifetime(arg).to_string(),
            quote! { name: &'a str }.to_string()
        );
        let named = quote! { name: &'static str };
        assert_eq!(
            super::with_lifetime(named.clone()).to_string(),
            named.to_string()
        );
    }
}
