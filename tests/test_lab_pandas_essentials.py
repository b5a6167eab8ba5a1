"""The pandas-essentials lab's tests accept any correct answer and reject the usual slips.

One kernel runs the source notebook; each case then replaces one exercise's
answer with another learner's code, checks that exercise with the pristine
tests, and puts the reference answer back.
"""

from __future__ import annotations


import nbformat
import pandas as pd
import pytest
from labkernel import REPO, LabKernel, SolvedLab, thinly_tested

from jupyterlab_bytementor.catalog import load_lab
from jupyterlab_bytementor.release import role_of

LAB = REPO / "labs" / "stage1-foundations" / "pandas-essentials.ipynb"

# (exercise, learner code, passes?, a phrase the first failure message must contain)
CASES = {
    # -- 1. filter rows ---------------------------------------------------------------
    "filter with query": ("filter-rows", """
        def select_orders(orders, categories, min_quantity):
            return orders.query("category in @categories and quantity >= @min_quantity")
        """, True, None),
    "filter with a row loop and loc": ("filter-rows", """
        def select_orders(orders, categories, min_quantity):
            keep = []
            for label, row in orders.iterrows():
                if row["category"] in list(categories) and row["quantity"] >= min_quantity:
                    keep.append(label)
            return orders.loc[keep].reset_index(drop=True)
        """, True, None),
    "filter with > instead of >=": ("filter-rows", """
        def select_orders(orders, categories, min_quantity):
            return orders[orders["category"].isin(categories) & (orders["quantity"] > min_quantity)]
        """, False, "compare with >=, not >"),
    "filter with | instead of &": ("filter-rows", """
        def select_orders(orders, categories, min_quantity):
            return orders[orders["category"].isin(categories) | (orders["quantity"] >= min_quantity)]
        """, False, "not | (or)"),
    "filter without parentheses": ("filter-rows", """
        def select_orders(orders, categories, min_quantity):
            return orders[orders["category"].isin(categories) & orders["quantity"] >= min_quantity]
        """, False, "put each comparison in parentheses"),
    "filter with Python's and": ("filter-rows", """
        def select_orders(orders, categories, min_quantity):
            return orders[orders["category"].isin(categories) and orders["quantity"] >= min_quantity]
        """, False, "Combine masks with & and |"),
    "filter comparing with a list": ("filter-rows", """
        def select_orders(orders, categories, min_quantity):
            return orders[(orders["category"] == categories) & (orders["quantity"] >= min_quantity)]
        """, False, "isin(categories)"),
    "filter keeping two columns": ("filter-rows", """
        def select_orders(orders, categories, min_quantity):
            mask = orders["category"].isin(categories) & (orders["quantity"] >= min_quantity)
            return orders.loc[mask, ["order_id", "category"]]
        """, False, "keep every column"),
    "filter dropping rows from the input": ("filter-rows", """
        def select_orders(orders, categories, min_quantity):
            mask = orders["category"].isin(categories) & (orders["quantity"] >= min_quantity)
            orders.drop(orders.index[~mask], inplace=True)
            return orders
        """, False, "changed the table it was given"),
    # -- 2. missing values ------------------------------------------------------------
    "missing share by sum over len, clean with a mask and assign": ("missing-values", """
        def missing_share(df):
            return df.isnull().sum() / len(df)

        def clean_orders(orders):
            kept = orders[orders["unit_price"].notna()]
            kept = kept.fillna({"discount": 0})
            return kept.assign(revenue=kept.quantity * kept.unit_price * (1 - kept.discount))
        """, True, None),
    "missing share as a Series from a dict, clean with a copy and loc": ("missing-values", """
        def missing_share(df):
            return pd.Series({column: float(df[column].isna().sum()) / df.shape[0]
                              for column in df.columns})

        def clean_orders(orders):
            clean = orders.copy()
            clean = clean.loc[~clean["unit_price"].isna()]
            clean["discount"] = np.where(clean["discount"].isna(), 0.0, clean["discount"])
            clean["revenue"] = (clean["quantity"] * clean["unit_price"]).astype(np.float32) \\
                * (1 - clean["discount"]).astype(np.float32)
            return clean
        """, True, None),
    "missing share along the rows": ("missing-values", """
        def missing_share(df):
            return df.isna().mean(axis=1)
        """, False, "averaged across each row (axis=1)"),
    "missing share as counts": ("missing-values", """
        def missing_share(df):
            return df.isna().sum()
        """, False, "counts of missing values"),
    "missing share in percent": ("missing-values", """
        def missing_share(df):
            return df.isna().mean() * 100
        """, False, "percentages"),
    "missing share of present values": ("missing-values", """
        def missing_share(df):
            return df.notna().mean()
        """, False, "notna() the present ones"),
    "clean keeping rows without a price": ("missing-values", """
        def clean_orders(orders):
            clean = orders.copy()
            clean["discount"] = clean["discount"].fillna(0)
            clean["revenue"] = clean["quantity"] * clean["unit_price"] * (1 - clean["discount"])
            return clean
        """, False, "Order 3 has no unit_price but is still there"),
    "clean with dropna on every column": ("missing-values", """
        def clean_orders(orders):
            clean = orders.dropna().copy()
            clean["revenue"] = clean["quantity"] * clean["unit_price"] * (1 - clean["discount"])
            return clean
        """, False, "dropna(subset=['unit_price'])"),
    "clean filling every gap with 0": ("missing-values", """
        def clean_orders(orders):
            clean = orders.dropna(subset=["unit_price"]).fillna(0)
            clean["revenue"] = clean["quantity"] * clean["unit_price"] * (1 - clean["discount"])
            return clean
        """, False, "Missing ratings became 0"),
    "clean filling in place on a temporary copy": ("missing-values", """
        import warnings

        def clean_orders(orders):
            clean = orders.dropna(subset=["unit_price"]).copy()
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                clean["discount"].fillna(0, inplace=True)
            clean["revenue"] = clean["quantity"] * clean["unit_price"] * (1 - clean["discount"])
            return clean
        """, False, "discount still has missing values"),
    "clean computing revenue before filling the discount": ("missing-values", """
        def clean_orders(orders):
            clean = orders.dropna(subset=["unit_price"]).copy()
            clean["revenue"] = clean["quantity"] * clean["unit_price"] * (1 - clean["discount"])
            clean["discount"] = clean["discount"].fillna(0)
            return clean
        """, False, "Fill the discount with 0 before"),
    "clean ignoring the discount": ("missing-values", """
        def clean_orders(orders):
            clean = orders.dropna(subset=["unit_price"]).copy()
            clean["discount"] = clean["discount"].fillna(0)
            clean["revenue"] = clean["quantity"] * clean["unit_price"]
            return clean
        """, False, "revenue ignores the discount"),
    "clean multiplying by the discount": ("missing-values", """
        def clean_orders(orders):
            clean = orders.dropna(subset=["unit_price"]).copy()
            clean["discount"] = clean["discount"].fillna(0)
            clean["revenue"] = clean["quantity"] * clean["unit_price"] * clean["discount"]
            return clean
        """, False, "the money the discount took off"),
    "clean changing the table it was given": ("missing-values", """
        def clean_orders(orders):
            orders["discount"] = orders["discount"].fillna(0)
            clean = orders.dropna(subset=["unit_price"]).copy()
            clean["revenue"] = clean["quantity"] * clean["unit_price"] * (1 - clean["discount"])
            return clean
        """, False, "changed the table it was given"),
    # -- 3. group and aggregate ---------------------------------------------------------
    "group with a dict loop, count on category": ("group-aggregate", """
        def revenue_by_category_numpy(categories, revenue):
            totals = {}
            for category, amount in zip(categories, revenue):
                totals[category] = totals.get(category, 0.0) + amount
            keys = sorted(totals)
            return keys, [totals[key] for key in keys]

        def category_summary(clean):
            summary = clean.groupby("category").agg(
                orders=("category", "count"), revenue=("revenue", "sum"),
                mean_rating=("rating", "mean"))
            return summary.sort_values(by="revenue", ascending=False)
        """, True, None),
    "group with bincount in float32, summary from three Series": ("group-aggregate", """
        def revenue_by_category_numpy(categories, revenue):
            keys, codes = np.unique(np.asarray(categories), return_inverse=True)
            return keys, np.bincount(codes, weights=revenue).astype(np.float32)

        def category_summary(clean):
            groups = clean.groupby("category")
            summary = pd.DataFrame({"orders": groups.size(),
                                    "revenue": groups["revenue"].sum(),
                                    "mean_rating": groups["rating"].mean()})
            return summary.iloc[np.argsort(-summary["revenue"].to_numpy())]
        """, True, None),
    "group keys in order of appearance": ("group-aggregate", """
        def revenue_by_category_numpy(categories, revenue):
            keys = pd.unique(categories)
            return keys, np.array([revenue[categories == key].sum() for key in keys])
        """, False, "keys should be sorted"),
    "group counting instead of summing": ("group-aggregate", """
        def revenue_by_category_numpy(categories, revenue):
            keys = np.unique(categories)
            return keys, np.array([(categories == key).sum() for key in keys])
        """, False, "holds the number of orders"),
    "group averaging instead of summing": ("group-aggregate", """
        def revenue_by_category_numpy(categories, revenue):
            keys = np.unique(categories)
            return keys, np.array([revenue[categories == key].mean() for key in keys])
        """, False, "the total is the sum, not the mean"),
    "summary left in alphabetical order": ("group-aggregate", """
        def category_summary(clean):
            return clean.groupby("category").agg(
                orders=("order_id", "size"), revenue=("revenue", "sum"),
                mean_rating=("rating", "mean"))
        """, False, "alphabetical order"),
    "summary sorted smallest first": ("group-aggregate", """
        def category_summary(clean):
            return clean.groupby("category").agg(
                orders=("order_id", "size"), revenue=("revenue", "sum"),
                mean_rating=("rating", "mean")).sort_values("revenue")
        """, False, "ascending=False"),
    "summary counting ratings as orders": ("group-aggregate", """
        def category_summary(clean):
            return clean.groupby("category").agg(
                orders=("rating", "count"), revenue=("revenue", "sum"),
                mean_rating=("rating", "mean")).sort_values("revenue", ascending=False)
        """, False, "count() skips missing values"),
    "summary counting missing ratings as 0 stars": ("group-aggregate", """
        def category_summary(clean):
            clean = clean.assign(rating=clean["rating"].fillna(0))
            return clean.groupby("category").agg(
                orders=("order_id", "size"), revenue=("revenue", "sum"),
                mean_rating=("rating", "mean")).sort_values("revenue", ascending=False)
        """, False, "as 0 stars"),
    "summary with the categories moved out of the index": ("group-aggregate", """
        def category_summary(clean):
            return clean.groupby("category").agg(
                orders=("order_id", "size"), revenue=("revenue", "sum"),
                mean_rating=("rating", "mean")).sort_values(
                    "revenue", ascending=False).reset_index()
        """, False, "reset_index()"),
    # -- 4. join ------------------------------------------------------------------------
    "join with reindex, and DataFrame.join": ("join", """
        def lookup_regions(customer_ids, customers):
            regions = customers.set_index("customer_id")["region"]
            return regions.reindex(list(customer_ids)).fillna("unknown").tolist()

        def orders_with_customers(orders, customers):
            joined = orders.join(customers.set_index("customer_id"), on="customer_id")
            return joined.assign(region=joined["region"].fillna("unknown"),
                                 plan=joined["plan"].fillna("unknown"))
        """, True, None),
    "join with map, and pd.merge with a dict fill": ("join", """
        def lookup_regions(customer_ids, customers):
            region_of = {}
            for cid, region in zip(customers["customer_id"], customers["region"]):
                region_of[cid] = region
            return pd.Series(list(customer_ids), dtype=object).map(region_of).fillna("unknown")

        def orders_with_customers(orders, customers):
            joined = pd.merge(orders, customers, how="left", on="customer_id")
            return joined.fillna({"region": "unknown", "plan": "unknown"})
        """, True, None),
    "lookup with d[key]": ("join", """
        def lookup_regions(customer_ids, customers):
            region_of = dict(zip(customers["customer_id"], customers["region"]))
            return [region_of[cid] for cid in customer_ids]
        """, False, "d.get(key, 'unknown')"),
    "lookup with get and no default": ("join", """
        def lookup_regions(customer_ids, customers):
            region_of = dict(zip(customers["customer_id"], customers["region"]))
            return [region_of.get(cid) for cid in customer_ids]
        """, False, "C9 is not a customer"),
    "lookup of the known ids only": ("join", """
        def lookup_regions(customer_ids, customers):
            return customers[customers["customer_id"].isin(customer_ids)]["region"].tolist()
        """, False, "regions for 4 ids"),
    "merge with the default inner join": ("join", """
        def orders_with_customers(orders, customers):
            joined = orders.merge(customers, on="customer_id")
            joined["region"] = joined["region"].fillna("unknown")
            joined["plan"] = joined["plan"].fillna("unknown")
            return joined
        """, False, "how='inner'"),
    "merge with a right join": ("join", """
        def orders_with_customers(orders, customers):
            joined = orders.merge(customers, on="customer_id", how="right")
            joined["region"] = joined["region"].fillna("unknown")
            joined["plan"] = joined["plan"].fillna("unknown")
            return joined
        """, False, "how='right'"),
    "merge with an outer join": ("join", """
        def orders_with_customers(orders, customers):
            joined = orders.merge(customers, on="customer_id", how="outer")
            joined["region"] = joined["region"].fillna("unknown")
            joined["plan"] = joined["plan"].fillna("unknown")
            return joined
        """, False, "how='outer'"),
    "merge without filling the gaps": ("join", """
        def orders_with_customers(orders, customers):
            return orders.merge(customers, on="customer_id", how="left")
        """, False, "fill it with 'unknown'"),
    "merge filling the whole table": ("join", """
        def orders_with_customers(orders, customers):
            return orders.merge(customers, on="customer_id", how="left").fillna("unknown")
        """, False, "fill only the new columns"),
    # -- 5. pivot -------------------------------------------------------------------------
    "pivot by groupby and unstack": ("pivot", """
        def monthly_revenue(joined):
            month = joined["order_date"].dt.to_period("M")
            return joined.groupby([month, "region"])["revenue"].sum().unstack(fill_value=0)
        """, True, None),
    "pivot with strftime months and crosstab": ("pivot", """
        def monthly_revenue(joined):
            return pd.crosstab(joined["order_date"].dt.strftime("%Y-%m"), joined["region"],
                               values=joined["revenue"], aggfunc="sum").fillna(0)
        """, True, None),
    "pivot with a monthly Grouper": ("pivot", """
        def monthly_revenue(joined):
            return joined.pivot_table(index=pd.Grouper(key="order_date", freq="MS"),
                                      columns="region", values="revenue", aggfunc="sum",
                                      fill_value=0.0)
        """, True, None),
    "pivot with the default aggfunc": ("pivot", """
        def monthly_revenue(joined):
            with_month = joined.assign(month=joined["order_date"].dt.to_period("M"))
            return with_month.pivot_table(index="month", columns="region", values="revenue",
                                          fill_value=0)
        """, False, "default aggfunc is 'mean'"),
    "pivot counting orders": ("pivot", """
        def monthly_revenue(joined):
            with_month = joined.assign(month=joined["order_date"].dt.to_period("M"))
            return with_month.pivot_table(index="month", columns="region", values="revenue",
                                          aggfunc="count", fill_value=0)
        """, False, "numbers of orders"),
    "pivot without a fill value": ("pivot", """
        def monthly_revenue(joined):
            with_month = joined.assign(month=joined["order_date"].dt.to_period("M"))
            return with_month.pivot_table(index="month", columns="region", values="revenue",
                                          aggfunc="sum")
        """, False, "fill_value=0"),
    "pivot by month number": ("pivot", """
        def monthly_revenue(joined):
            with_month = joined.assign(month=joined["order_date"].dt.month)
            return with_month.pivot_table(index="month", columns="region", values="revenue",
                                          aggfunc="sum", fill_value=0)
        """, False, ".dt.month forgets the year"),
    "pivot with rows and columns swapped": ("pivot", """
        def monthly_revenue(joined):
            with_month = joined.assign(month=joined["order_date"].dt.to_period("M"))
            return with_month.pivot_table(index="region", columns="month", values="revenue",
                                          aggfunc="sum", fill_value=0)
        """, False, "Rows and columns are swapped"),
    "pivot with values as a list": ("pivot", """
        def monthly_revenue(joined):
            with_month = joined.assign(month=joined["order_date"].dt.to_period("M"))
            return with_month.pivot_table(index="month", columns="region", values=["revenue"],
                                          aggfunc="sum", fill_value=0)
        """, False, "values='revenue' as a single name"),
    # -- a review solve: other styles and slips ----------------------------------------------
    "filter with loc and Series.ge": ("filter-rows", """
        def select_orders(orders, categories, min_quantity):
            keep = orders["category"].isin(categories)
            keep = keep & orders["quantity"].ge(min_quantity)
            return orders.loc[keep]
        """, True, None),
    "clean as one assign chain": ("missing-values", """
        def clean_orders(orders):
            return (orders.dropna(subset=["unit_price"])
                          .assign(discount=lambda d: d["discount"].fillna(0))
                          .assign(revenue=lambda d: d["quantity"] * d["unit_price"]
                                  * (1 - d["discount"])))
        """, True, None),
    "clean rounding the revenue to whole euros": ("missing-values", """
        def clean_orders(orders):
            out = orders.dropna(subset=["unit_price"]).copy()
            out["discount"] = out["discount"].fillna(0)
            out["revenue"] = (out["quantity"] * out["unit_price"] * (1 - out["discount"])).round()
            return out
        """, False, "revenue of the shop's orders"),
    "summary counting distinct customers as orders": ("group-aggregate", """
        def category_summary(clean):
            summary = clean.groupby("category").agg(
                orders=("customer_id", "nunique"), revenue=("revenue", "sum"),
                mean_rating=("rating", "mean"))
            return summary.sort_values("revenue", ascending=False)
        """, False, "customer_id"),
    "join with a dict filled row by row": ("join", """
        def lookup_regions(customer_ids, customers):
            region_of = {}
            for i in range(len(customers)):
                region_of[customers["customer_id"].iloc[i]] = customers["region"].iloc[i]
            regions = []
            for customer_id in customer_ids:
                if customer_id in region_of:
                    regions.append(region_of[customer_id])
                else:
                    regions.append("unknown")
            return regions
        """, True, None),
    "merge filled with where": ("join", """
        def orders_with_customers(orders, customers):
            out = orders.merge(customers, on="customer_id", how="left")
            out["region"] = out["region"].where(out["region"].notna(), "unknown")
            out["plan"] = out["plan"].where(out["plan"].notna(), "unknown")
            return out
        """, True, None),
    "pivot with pd.pivot_table, gaps filled afterwards": ("pivot", """
        def monthly_revenue(joined):
            table = joined.copy()
            table["month"] = table["order_date"].dt.to_period("M")
            return pd.pivot_table(table, values="revenue", index="month", columns="region",
                                  aggfunc="sum").fillna(0)
        """, True, None),
}

# A reviewer's second pass: correct answers in other styles, and slips whose messages
# now name what went wrong.
CASES.update({
    # -- 1. filter rows -----------------------------------------------------------------
    "filter with np.isin and iloc": ("filter-rows", """
        def select_orders(orders, categories, min_quantity):
            in_cat = np.isin(orders["category"].to_numpy(), list(categories))
            enough = orders["quantity"].to_numpy() >= min_quantity
            return orders.iloc[np.flatnonzero(np.logical_and(in_cat, enough))]
        """, True, None),
    "filter with callables in loc": ("filter-rows", """
        def select_orders(orders, categories, min_quantity):
            return orders.loc[lambda d: d["category"].isin(categories)].loc[
                lambda d: d["quantity"].ge(min_quantity)]
        """, True, None),
    "filter with a stray ~": ("filter-rows", """
        def select_orders(orders, categories, min_quantity):
            return orders[~orders["category"].isin(categories) & (orders["quantity"] >= min_quantity)]
        """, False, "Print each mask on its own"),
    # -- 2. missing values --------------------------------------------------------------
    "missing share from count(), clean with eval": ("missing-values", """
        def missing_share(df):
            return 1 - df.count() / len(df)

        def clean_orders(orders):
            clean = orders.loc[orders["unit_price"].notna()].fillna({"discount": 0.0})
            return clean.eval("revenue = quantity * unit_price * (1 - discount)")
        """, True, None),
    "missing share with apply, clean with np.where": ("missing-values", """
        def missing_share(df):
            return df.apply(lambda column: column.isna().sum() / column.size)

        def clean_orders(orders):
            clean = orders[~orders["unit_price"].isna()].reset_index(drop=True)
            discount = clean["discount"].to_numpy()
            clean["discount"] = np.where(np.isnan(discount), 0.0, discount)
            clean["revenue"] = clean["quantity"].mul(clean["unit_price"]).mul(1 - clean["discount"])
            return clean
        """, True, None),
    "missing share out of the present values": ("missing-values", """
        def missing_share(df):
            return df.isna().sum() / df.count()
        """, False, "divide by len(df)"),
    "clean dropping rows without a discount too": ("missing-values", """
        def clean_orders(orders):
            clean = orders.dropna(subset=["unit_price", "discount"]).copy()
            clean["revenue"] = clean["quantity"] * clean["unit_price"] * (1 - clean["discount"])
            return clean
        """, False, "subset=['unit_price', 'discount']"),
    "clean filling the rating with its mean": ("missing-values", """
        def clean_orders(orders):
            clean = orders.dropna(subset=["unit_price"]).copy()
            clean["discount"] = clean["discount"].fillna(0)
            clean["rating"] = clean["rating"].fillna(clean["rating"].mean())
            clean["revenue"] = clean["quantity"] * clean["unit_price"] * (1 - clean["discount"])
            return clean
        """, False, "should stay missing"),
    # -- 3. group and aggregate ---------------------------------------------------------
    "group with a dict loop, and groupby apply": ("group-aggregate", """
        def revenue_by_category_numpy(categories, revenue):
            sums = {}
            for key, amount in zip(categories, revenue):
                sums[key] = sums.get(key, 0.0) + amount
            keys = sorted(sums)
            return np.array(keys), np.array([sums[key] for key in keys])

        def category_summary(clean):
            summary = clean.groupby("category").apply(
                lambda g: pd.Series({"orders": len(g), "revenue": g["revenue"].sum(),
                                     "mean_rating": g["rating"].mean()}))
            return summary.sort_values("revenue")[::-1]
        """, True, None),
    "group with np.add.at, and concat with nlargest": ("group-aggregate", """
        def revenue_by_category_numpy(categories, revenue):
            keys, where = np.unique(categories, return_inverse=True)
            totals = np.zeros(len(keys))
            np.add.at(totals, where, revenue)
            return keys, totals

        def category_summary(clean):
            g = clean.groupby("category")
            summary = pd.concat([g.size().rename("orders"), g["revenue"].sum(),
                                 (g["rating"].sum() / g["rating"].count()).rename("mean_rating")],
                                axis=1)
            return summary.nlargest(len(summary), "revenue")
        """, True, None),
    "group with list keys, and a pivot_table summary": ("group-aggregate", """
        def revenue_by_category_numpy(categories, revenue):
            keys = sorted(set(categories.tolist()))
            return keys, [float(np.sum(np.where(categories == key, revenue, 0.0))) for key in keys]

        def category_summary(clean):
            summary = clean.pivot_table(
                index="category", values=["order_id", "revenue", "rating"],
                aggfunc={"order_id": "count", "revenue": "sum", "rating": "mean"}, dropna=False)
            summary = summary.rename(columns={"order_id": "orders", "rating": "mean_rating"})
            return summary[["orders", "revenue", "mean_rating"]].sort_values("revenue",
                                                                             ascending=False)
        """, True, None),
    "summary sorted by the number of orders": ("group-aggregate", """
        def category_summary(clean):
            return clean.groupby("category").agg(
                orders=("order_id", "size"), revenue=("revenue", "sum"),
                mean_rating=("rating", "mean")).sort_values("orders", ascending=False)
        """, False, "by number of orders"),
    # -- 4. join ------------------------------------------------------------------------
    "join with to_dict and in, merging region and plan only": ("join", """
        def lookup_regions(customer_ids, customers):
            region_of = customers.set_index("customer_id")["region"].to_dict()
            result = []
            for cid in customer_ids:
                result.append(region_of[cid] if cid in region_of else "unknown")
            return result

        def orders_with_customers(orders, customers):
            joined = pd.merge(orders, customers[["customer_id", "region", "plan"]],
                              on="customer_id", how="left", validate="many_to_one")
            joined[["region", "plan"]] = joined[["region", "plan"]].fillna("unknown")
            return joined
        """, True, None),
    "join with an array lookup, and merge with indicator": ("join", """
        def lookup_regions(customer_ids, customers):
            region_of = dict(customers[["customer_id", "region"]].to_numpy())
            return np.array([region_of.get(cid, "unknown") for cid in customer_ids])

        def orders_with_customers(orders, customers):
            joined = orders.merge(customers, on="customer_id", how="left", indicator=True)
            found = joined["_merge"] == "both"
            joined["region"] = joined["region"].where(found, "unknown")
            joined["plan"] = joined["plan"].where(found, "unknown")
            return joined.drop(columns="_merge")
        """, True, None),
    "merge filling region but not plan": ("join", """
        def orders_with_customers(orders, customers):
            joined = orders.merge(customers, on="customer_id", how="left")
            joined["region"] = joined["region"].fillna("unknown")
            return joined
        """, False, "fill plan with 'unknown'"),
    # -- 5. pivot -------------------------------------------------------------------------
    "pivot by resampling each region": ("pivot", """
        def monthly_revenue(joined):
            per_region = (joined.set_index("order_date").groupby("region")["revenue"]
                          .resample("MS").sum())
            return per_region.unstack("region").fillna(0).sort_index()
        """, True, None),
    "pivot with a dict of dicts by hand": ("pivot", """
        def monthly_revenue(joined):
            totals = {}
            for date, region, amount in zip(joined["order_date"], joined["region"],
                                            joined["revenue"]):
                month = date.strftime("%Y-%m")
                totals.setdefault(region, {})
                totals[region][month] = totals[region].get(month, 0.0) + amount
            return pd.DataFrame(totals).fillna(0.0).sort_index()
        """, True, None),
    "pivot by year and month as two levels": ("pivot", """
        def monthly_revenue(joined):
            dates = joined["order_date"]
            return joined.groupby([dates.dt.year, dates.dt.month, "region"])[
                "revenue"].sum().unstack(fill_value=0)
        """, False, "two levels of labels"),
    "pivot by day": ("pivot", """
        def monthly_revenue(joined):
            return joined.pivot_table(index="order_date", columns="region", values="revenue",
                                      aggfunc="sum", fill_value=0)
        """, False, "one per order date"),
    "pivot by month name": ("pivot", """
        def monthly_revenue(joined):
            return joined.pivot_table(index=joined["order_date"].dt.month_name(),
                                      columns="region", values="revenue", aggfunc="sum",
                                      fill_value=0)
        """, False, "labelled by month with the year"),
})

# Copy-on-write (pandas 3) makes `df["col"].fillna(0, inplace=True)` fill a temporary copy.
PANDAS_3_ONLY = {"clean filling in place on a temporary copy"}


@pytest.fixture(scope="module", params=[LAB], ids=["pandas-essentials"])
def lab_path(request):
    """The lab's path; its id makes `pytest -k pandas-essentials` select these tests too."""
    return request.param


def test_every_exercise_has_two_right_and_two_wrong_answers(lab_path):
    exercises = [ex["id"] for ex in load_lab(lab_path).entry["exercises"]]
    for exercise in exercises:
        outcomes = [passes for ex, _, passes, _ in CASES.values() if ex == exercise]
        assert outcomes.count(True) >= 2 and outcomes.count(False) >= 2, exercise


def test_every_cell_has_a_role_and_the_predictions_are_structured(lab_path):
    source = nbformat.read(lab_path, as_version=4)
    assert all(role_of(cell) for cell in source.cells), [c.id for c in source.cells
                                                         if not role_of(c)]
    cells = {cell.id: cell for cell in source.cells}
    ids = list(cells)
    released = {cell.id: cell for cell in load_lab(lab_path).released.cells}
    for exercise, intro, ask, show, why, answer in [
        ("missing-values", "missing-predict", "missing-values-predict", "missing-try",
         "missing-why", 1),
        ("join", "join-predict", "join-prediction", "join-try", "join-why", 2),
    ]:
        assert ids.index(intro) < ids.index(ask) < ids.index(show) < ids.index(why)
        assert "prediction" not in cells[intro].metadata["bytementor"]
        meta = cells[ask].metadata["bytementor"]
        assert meta["role"] == "prediction" and meta["exercise"] == exercise
        assert len(meta["choices"]) == 4 and meta["answer"] == answer
        # The locked demo cell shows the outcome; the reveal names the answer, after the commit.
        assert role_of(cells[show]) == "setup"
        reveal = cells[why]
        assert role_of(reveal) == "reveal" and reveal.metadata["bytementor"]["exercise"] == exercise
        assert reveal.source.splitlines()[0] == "### What happened, and why"
        letter = "ABCD"[answer]
        assert f"**{letter}" in reveal.source
        # The release has neither the answer nor the explanation.
        assert "answer" not in released[ask].metadata["bytementor"]
        assert f"**{letter}" not in released[why].source


def test_the_lab_loads_its_data_with_bytementor_data_path(lab_path):
    text = "\n".join(cell.source for cell in nbformat.read(lab_path, as_version=4).cells)
    assert 'path("pandas-essentials-orders.csv")' in text
    assert 'path("pandas-essentials-customers.csv")' in text
    for name in ("orders", "customers"):
        data = REPO / "bytementor" / "data" / f"pandas-essentials-{name}.csv"
        assert data.stat().st_size < 50_000


def test_demo_cells_wait_for_unwritten_answers_instead_of_failing(lab_path):
    """In the released stub, setup cells never raise: a failing one would block every check."""
    released = load_lab(lab_path).released
    with LabKernel(released, allow_errors=True) as kernel:
        kernel.run_notebook()
    failing = [cell.id for cell in released.cells if role_of(cell) == "setup"
               and any(out.get("output_type") == "error" for out in cell.outputs)]
    assert not failing, failing
    waiting = [cell.id for cell in released.cells if cell.cell_type == "code"
               and any("not written yet" in out.get("text", "") for out in cell.outputs)]
    assert waiting == ["filter-try", "group-try", "pivot-try"], waiting


def test_every_exercise_has_cases_that_pass_and_fail():
    assert thinly_tested(LAB, CASES) == []


@pytest.fixture(scope="module")
def solved(lab_path):
    """A kernel that ran the source notebook, with the pristine tests and the answers."""
    with SolvedLab(lab_path) as lab:
        yield lab


@pytest.mark.parametrize("case", list(CASES))
def test_learner_variant(solved, case):
    if case in PANDAS_3_ONLY and int(pd.__version__.split(".")[0]) < 3:
        pytest.skip("before pandas 3, a chained inplace fillna does change the table")
    solved.try_variant(*CASES[case])
