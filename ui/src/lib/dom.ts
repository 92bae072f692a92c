/** The card search box's element id: the app's `/` shortcut focuses it. */
export const SEARCH_INPUT_ID = "card-search";
